package dev.microjobs.bench.cost;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microjobs.bench.e2e.Percentiles;
import dev.microjobs.local.template.FunctionDef;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the app would be billed for, counted while {@link #start() started}: DynamoDB requests
 * with their request units, SQS requests in 64 KB chunks, function invocations with their
 * duration and memory, and HTTP API requests; and, to tell work from waiting, how long each
 * DynamoDB and SQS request took to be answered. Thread-safe; counts are kept per operation, per
 * function and per trigger (an HTTP route, a queue), and requests per caller (the function that
 * sent them) and operation, so that a report can show what dominates.
 */
public final class Meter {

    /** Billing unit of SQS: each 64 KB chunk of a request's payload is billed as one request. */
    static final int SQS_CHUNK_BYTES = 64 * 1024;

    /** Reading what a write changed takes a local read or two; far longer means DynamoDB Local is stuck. */
    private static final Duration METERING_WAIT = Duration.ofSeconds(5);

    private final AtomicBoolean counting = new AtomicBoolean();
    private final AtomicInteger answeredNotMetered = new AtomicInteger();
    private final Map<String, OperationCounter> operations = new ConcurrentHashMap<>();
    private final Map<String, FunctionCounter> functions = new ConcurrentHashMap<>();
    private final Map<List<String>, TriggerCounter> triggers = new ConcurrentHashMap<>();
    private final Map<List<String>, CallerCounter> callers = new ConcurrentHashMap<>();
    private final LongAdder apiRequests = new LongAdder();
    private final DoubleAdder estimatedItemUnits = new DoubleAdder();
    private final DoubleAdder estimatedIndexUnits = new DoubleAdder();

    /** Forgets what was counted and counts from now on. */
    public void start() {
        operations.clear();
        functions.clear();
        triggers.clear();
        callers.clear();
        apiRequests.reset();
        estimatedItemUnits.reset();
        estimatedIndexUnits.reset();
        counting.set(true);
    }

    /** Stops counting once the requests already answered are metered (each is metered just after its answer). */
    public void stop() {
        long deadline = System.nanoTime() + METERING_WAIT.toNanos();
        while (answeredNotMetered.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        counting.set(false);
    }

    /** A request is answered and about to be metered: called before its caller can see the answer. */
    void answering() {
        answeredNotMetered.incrementAndGet();
    }

    /** The request {@link #answering()} announced is metered, or failed to be. */
    void metered() {
        answeredNotMetered.decrementAndGet();
    }

    /**
     * One DynamoDB request from {@code caller}: its operation, whether it succeeded, the request units it consumed,
     * and how long DynamoDB Local took to answer it.
     */
    void dynamoDb(String caller, String operation, boolean succeeded, double readUnits, double writeUnits, long nanos) {
        if (counting.get()) {
            OperationCounter counter = operation("dynamodb", operation);
            counter.answered(nanos);
            counter.billedRequests.increment();
            counter.readUnits.add(readUnits);
            counter.writeUnits.add(writeUnits);
            if (!succeeded) {
                counter.failed.increment();
            }
            CallerCounter byCaller = caller(caller, "dynamodb", operation);
            byCaller.requests.increment();
            byCaller.readUnits.add(readUnits);
            byCaller.writeUnits.add(writeUnits);
        }
    }

    /**
     * One SQS request from {@code caller} of {@code payloadBytes} (the larger of request and response).
     * An empty receive is counted apart: it is the pollers' idle cost, which runs by the hour, not per task.
     */
    void sqs(String caller, String operation, boolean succeeded, long payloadBytes, boolean emptyReceive, long nanos) {
        if (counting.get()) {
            OperationCounter counter = operation("sqs", operation);
            counter.answered(nanos);
            if (emptyReceive) {
                counter.idle.increment();
            } else {
                counter.billedRequests.add(chunks(payloadBytes));
                caller(caller, "sqs", operation).requests.increment();
            }
            if (!succeeded) {
                counter.failed.increment();
            }
        }
    }

    /** The estimate that stood for a write's reported units (a transaction's, a PartiQL batch's), by what it is made of. */
    void estimated(WriteCost.Units units) {
        if (counting.get()) {
            estimatedItemUnits.add(units.itemUnits());
            estimatedIndexUnits.add(units.indexUnits());
        }
    }

    /** One invocation of {@code function} that ran {@code nanos}; an HTTP API event is also an API request. */
    public void invocation(FunctionDef function, Object event, long nanos) {
        invocation(function.logicalId(), function.memorySizeMb(), trigger(event), nanos, event instanceof APIGatewayV2HTTPEvent);
    }

    void invocation(String function, int memoryMb, String trigger, long nanos, boolean httpEvent) {
        if (counting.get()) {
            FunctionCounter counter = functions.computeIfAbsent(function, name -> new FunctionCounter(memoryMb));
            counter.invocations.increment();
            // Lambda bills duration rounded up to the millisecond.
            long billedMillis = (nanos + 999_999) / 1_000_000;
            counter.billedMillis.add(billedMillis);
            TriggerCounter byTrigger = triggers.computeIfAbsent(List.of(function, trigger), key -> new TriggerCounter());
            byTrigger.billedMillis.add(billedMillis);
            byTrigger.millis.add(nanos / 1e6);
            if (httpEvent) {
                apiRequests.increment();
            }
        }
    }

    /** What an event came from: its route for an HTTP API event, its queue for an SQS batch. */
    static String trigger(Object event) {
        if (event instanceof APIGatewayV2HTTPEvent http) {
            return http.getRouteKey();
        }
        if (event instanceof SQSEvent sqs && sqs.getRecords() != null && !sqs.getRecords().isEmpty()) {
            String queueArn = sqs.getRecords().get(0).getEventSourceArn();
            return "SQS " + queueArn.substring(queueArn.lastIndexOf(':') + 1);
        }
        return event.getClass().getSimpleName();
    }

    static long chunks(long payloadBytes) {
        return Math.max(1, (payloadBytes + SQS_CHUNK_BYTES - 1) / SQS_CHUNK_BYTES);
    }

    private CallerCounter caller(String caller, String service, String operation) {
        return callers.computeIfAbsent(List.of(caller, service, operation), key -> new CallerCounter());
    }

    private OperationCounter operation(String service, String operation) {
        return operations.computeIfAbsent(service + ":" + operation, key -> new OperationCounter(service, operation));
    }

    public Usage usage() {
        List<Usage.Operation> operationUsage = operations.values().stream()
                .map(c -> new Usage.Operation(c.service, c.operation, c.requests.sum(), c.billedRequests.sum(), c.idle.sum(),
                        c.failed.sum(), c.readUnits.sum(), c.writeUnits.sum(), Percentiles.of(c.millis)))
                .sorted(Comparator.comparing(Usage.Operation::service).thenComparing(Usage.Operation::operation))
                .toList();
        List<Usage.Function> functionUsage = functions.entrySet().stream()
                .map(e -> new Usage.Function(e.getKey(), e.getValue().memoryMb, e.getValue().invocations.sum(),
                        e.getValue().billedMillis.sum()))
                .sorted(Comparator.comparing(Usage.Function::name))
                .toList();
        List<Usage.Trigger> triggerUsage = triggers.entrySet().stream()
                .map(e -> new Usage.Trigger(e.getKey().get(0), e.getKey().get(1), e.getValue().billedMillis.sum(),
                        Percentiles.of(e.getValue().millis)))
                .sorted(Comparator.comparing(Usage.Trigger::billedMillis).reversed())
                .toList();
        List<Usage.CallerOperation> callerUsage = callers.entrySet().stream()
                .map(e -> new Usage.CallerOperation(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                        e.getValue().requests.sum(), e.getValue().readUnits.sum(), e.getValue().writeUnits.sum()))
                .sorted(Comparator.comparing(Usage.CallerOperation::caller).thenComparing(Usage.CallerOperation::service)
                        .thenComparing(Usage.CallerOperation::operation))
                .toList();
        return new Usage(operationUsage, functionUsage, triggerUsage, callerUsage, apiRequests.sum(),
                new WriteCost.Units(estimatedItemUnits.sum(), estimatedIndexUnits.sum()));
    }

    private static final class OperationCounter {
        final String service;
        final String operation;
        final LongAdder requests = new LongAdder();
        final LongAdder billedRequests = new LongAdder();
        final LongAdder idle = new LongAdder();
        final LongAdder failed = new LongAdder();
        final DoubleAdder readUnits = new DoubleAdder();
        final DoubleAdder writeUnits = new DoubleAdder();
        final Queue<Double> millis = new ConcurrentLinkedQueue<>();

        OperationCounter(String service, String operation) {
            this.service = service;
            this.operation = operation;
        }

        void answered(long nanos) {
            requests.increment();
            millis.add(nanos / 1e6);
        }
    }

    private static final class FunctionCounter {
        final int memoryMb;
        final LongAdder invocations = new LongAdder();
        final LongAdder billedMillis = new LongAdder();

        FunctionCounter(int memoryMb) {
            this.memoryMb = memoryMb;
        }
    }

    private static final class TriggerCounter {
        final LongAdder billedMillis = new LongAdder();
        final Queue<Double> millis = new ConcurrentLinkedQueue<>();
    }

    private static final class CallerCounter {
        final LongAdder requests = new LongAdder();
        final DoubleAdder readUnits = new DoubleAdder();
        final DoubleAdder writeUnits = new DoubleAdder();
    }
}
