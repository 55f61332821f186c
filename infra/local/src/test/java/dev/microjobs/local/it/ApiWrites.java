package dev.microjobs.local.it;

import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every item the functions write to DynamoDB and every message they send to SQS while serving an
 * HTTP API request, by that request's API Gateway id (the {@code apigw-requestid} response
 * header). It is an SDK global interceptor (listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test classpath),
 * so it sits in the functions' own clients and sees the calls they really make; a call belongs to
 * the request whose id {@code HttpExchange} put in the calling thread's MDC, which is how the
 * writes of one request are told apart from those of requests served at the same time and of
 * queue consumers and schedules (whose threads carry no API request id).
 */
public final class ApiWrites implements ExecutionInterceptor {
    /**
     * Partition keys of the items the platform writes for every request, refused or not, as
     * bookkeeping rather than as the request's effect (the rate-limit token bucket, taken by every
     * authenticated request before it is validated): the tests do not hold them against a refused request.
     */
    private static final List<String> BOOKKEEPING_KEY_PREFIXES = List.of("RATE_LIMIT#");
    private static final Map<String, List<String>> BY_REQUEST = new ConcurrentHashMap<>();

    /** The writes made for the request {@code requestId}, as {@code "<operation> <pk>"} or {@code "<operation> <queue url>"}. */
    public static List<String> of(String requestId) {
        return List.copyOf(BY_REQUEST.getOrDefault(requestId, List.of()));
    }

    /** {@link #of} without the bookkeeping: what the request itself changed. */
    public static List<String> effectsOf(String requestId) {
        return of(requestId).stream().filter(write -> !isBookkeeping(write.substring(write.indexOf(' ') + 1))).toList();
    }

    public static boolean isBookkeeping(String partitionKey) {
        return BOOKKEEPING_KEY_PREFIXES.stream().anyMatch(partitionKey::startsWith);
    }

    /**
     * Only calls that succeeded: a conditional write whose condition failed (a request refused with
     * 409 because the item changed meanwhile, say) or a cancelled transaction changed nothing.
     */
    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String requestId = MDC.get("apiRequestId");
        if (requestId == null) {
            return;
        }
        List<String> writes = describe(context.request());
        if (!writes.isEmpty()) {
            BY_REQUEST.computeIfAbsent(requestId, id -> new CopyOnWriteArrayList<>()).addAll(writes);
        }
    }

    /** The writes {@code request} asks for; nothing for reads (and for transaction condition checks, which write nothing). */
    static List<String> describe(SdkRequest request) {
        List<String> writes = new ArrayList<>();
        if (request instanceof PutItemRequest put) {
            writes.add("PutItem " + pk(put.item()));
        } else if (request instanceof UpdateItemRequest update) {
            writes.add("UpdateItem " + pk(update.key()));
        } else if (request instanceof DeleteItemRequest delete) {
            writes.add("DeleteItem " + pk(delete.key()));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem item : transaction.transactItems()) {
                if (item.put() != null) {
                    writes.add("TransactWriteItems.Put " + pk(item.put().item()));
                } else if (item.update() != null) {
                    writes.add("TransactWriteItems.Update " + pk(item.update().key()));
                } else if (item.delete() != null) {
                    writes.add("TransactWriteItems.Delete " + pk(item.delete().key()));
                }
            }
        } else if (request instanceof BatchWriteItemRequest batch) {
            for (List<WriteRequest> tableWrites : batch.requestItems().values()) {
                for (WriteRequest write : tableWrites) {
                    writes.add(write.putRequest() != null
                            ? "BatchWriteItem.Put " + pk(write.putRequest().item())
                            : "BatchWriteItem.Delete " + pk(write.deleteRequest().key()));
                }
            }
        } else if (request instanceof SendMessageRequest message) {
            writes.add("SendMessage " + message.queueUrl());
        } else if (request instanceof SendMessageBatchRequest messages) {
            writes.add("SendMessageBatch " + messages.queueUrl());
        }
        return writes;
    }

    private static String pk(Map<String, AttributeValue> key) {
        AttributeValue pk = key.get("pk");
        return pk == null ? "?" : pk.s();
    }
}
