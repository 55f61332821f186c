package dev.microjobs.aws.faults;

import dev.microjobs.aws.faults.InjectedFaults.Kind;
import java.util.Set;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Fails a share of DynamoDB and SQS calls the way AWS does, for chaos runs: throttling and 500s
 * before the request is sent (after the SDK's own retries, which is what the application sees
 * when a fault outlasts them), and timeouts after the service has acted, so the caller cannot tell
 * whether its write happened. It can also kill the invocation right after a successful write.
 * Installed by {@code AwsClients} only when {@link FaultInjectionSettings#enabled()}.
 */
public final class FaultInjectionInterceptor implements ExecutionInterceptor {

    /** BatchExecuteStatement among them: the application sends it with PartiQL UPDATEs only. */
    private static final Set<String> WRITES = Set.of(
            "PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem", "BatchExecuteStatement",
            "SendMessage", "SendMessageBatch", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility");

    /** Marks a call whose timeout is raised once the service has answered. */
    private static final ExecutionAttribute<Boolean> TIMEOUT_AFTER_SEND = new ExecutionAttribute<>("microjobs.faults.timeoutAfterSend");

    private final double sdkShare;
    private final double crashAfterWriteShare;
    private final RandomGenerator random;

    public FaultInjectionInterceptor(double sdkShare, double crashAfterWriteShare, RandomGenerator random) {
        this.sdkShare = sdkShare;
        this.crashAfterWriteShare = crashAfterWriteShare;
        this.random = random;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (draw(sdkShare)) {
            // Two of three faults fail before sending; the third is decided after the call, in afterExecution.
            int kind = nextInt(3);
            if (kind == 0) {
                InjectedFaults.record(Kind.THROTTLING);
                throw serviceError(context, attributes, 400, throttlingCode(context), "Rate of requests exceeds the allowed throughput (injected)");
            }
            if (kind == 1) {
                InjectedFaults.record(Kind.SERVER_ERROR);
                throw serviceError(context, attributes, 500, "InternalServerError", "Internal server error (injected)");
            }
            attributes.putAttribute(TIMEOUT_AFTER_SEND, true);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (Boolean.TRUE.equals(attributes.getAttribute(TIMEOUT_AFTER_SEND))) {
            InjectedFaults.record(Kind.TIMEOUT_AFTER_SEND);
            throw ApiCallTimeoutException.create(operation + " timed out after it reached the service (injected)", null);
        }
        if (WRITES.contains(operation) && draw(crashAfterWriteShare)) {
            InjectedFaults.record(Kind.CRASH_AFTER_WRITE);
            throw new SimulatedCrash(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + operation);
        }
    }

    private boolean draw(double share) {
        return share > 0 && nextDouble() < share;
    }

    // One generator shared by the handler's threads: a seeded run makes the same choices in the same order.
    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static String throttlingCode(Context.BeforeExecution context) {
        return isDynamoDb(context) ? "ProvisionedThroughputExceededException" : "ThrottlingException";
    }

    private static boolean isDynamoDb(Context.BeforeExecution context) {
        return context.request() instanceof DynamoDbRequest;
    }

    /** The service's own exception type, so that application code catching it sees what AWS would send. */
    private static AwsServiceException serviceError(Context.BeforeExecution context, ExecutionAttributes attributes,
                                                    int status, String code, String message) {
        AwsErrorDetails details = AwsErrorDetails.builder()
                .serviceName(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
                .errorCode(code).errorMessage(message).build();
        AwsServiceException.Builder builder = isDynamoDb(context) ? DynamoDbException.builder() : SqsException.builder();
        return builder.statusCode(status).awsErrorDetails(details).message(message).build();
    }
}
