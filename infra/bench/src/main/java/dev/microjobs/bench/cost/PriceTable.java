package dev.microjobs.bench.cost;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What AWS charges, in US dollars: us-east-1, arm64 Lambda, DynamoDB on-demand (Standard table
 * class), SQS standard queues, API Gateway HTTP APIs; list prices of the first tier, no free tier,
 * as published on the services' pricing pages (checked November 2026; DynamoDB's on-demand prices
 * are those after the 50% cut of 1 November 2024). BENCHMARKS.md lists the sources and what is
 * left out (storage, logs, data transfer, the scheduler).
 */
public record PriceTable(
        double dynamoDbPerMillionWriteUnits,
        double dynamoDbPerMillionReadUnits,
        double sqsPerMillionRequests,
        double lambdaPerGigabyteSecond,
        double lambdaPerMillionRequests,
        double httpApiPerMillionRequests) {

    public static final PriceTable US_EAST_1 = new PriceTable(0.625, 0.125, 0.40, 0.0000133334, 0.20, 1.00);

    /** Dollars per service for {@code usage}, in a stable order. */
    public Map<String, Double> price(Usage usage) {
        double writeUnits = usage.of("dynamodb").stream().mapToDouble(Usage.Operation::writeUnits).sum();
        double readUnits = usage.of("dynamodb").stream().mapToDouble(Usage.Operation::readUnits).sum();
        long sqsRequests = usage.of("sqs").stream().mapToLong(Usage.Operation::billedRequests).sum();
        double gigabyteSeconds = usage.functions().stream().mapToDouble(Usage.Function::gigabyteSeconds).sum();
        long invocations = usage.functions().stream().mapToLong(Usage.Function::invocations).sum();
        Map<String, Double> dollars = new LinkedHashMap<>();
        dollars.put("dynamoDb", (writeUnits * dynamoDbPerMillionWriteUnits + readUnits * dynamoDbPerMillionReadUnits) / 1e6);
        dollars.put("sqs", sqsRequests * sqsPerMillionRequests / 1e6);
        dollars.put("lambda", gigabyteSeconds * lambdaPerGigabyteSecond + invocations * lambdaPerMillionRequests / 1e6);
        dollars.put("apiGateway", usage.apiRequests() * httpApiPerMillionRequests / 1e6);
        return dollars;
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode()
                .put("region", "us-east-1")
                .put("dynamoDbPerMillionWriteRequestUnits", dynamoDbPerMillionWriteUnits)
                .put("dynamoDbPerMillionReadRequestUnits", dynamoDbPerMillionReadUnits)
                .put("sqsPerMillionRequests", sqsPerMillionRequests)
                .put("lambdaArm64PerGbSecond", lambdaPerGigabyteSecond)
                .put("lambdaPerMillionRequests", lambdaPerMillionRequests)
                .put("httpApiPerMillionRequests", httpApiPerMillionRequests);
    }
}
