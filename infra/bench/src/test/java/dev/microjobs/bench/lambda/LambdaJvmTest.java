package dev.microjobs.bench.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaJvmTest {

    @Test
    void sizesTheJvmFromTheFunctionsMemoryAsLambdaDoes() {
        List<String> command = LambdaJvm.command(Path.of("/jdk/bin/java"), 256, List.of(Path.of("/r/a.jar"), Path.of("/r/b.jar")), "x.Handler");
        // Lambda's own figures for a 256 MB function: 85 %, 10 % and 5 % of the memory.
        assertTrue(command.containsAll(List.of("-XX:MaxHeapSize=222822k", "-XX:MaxMetaspaceSize=26214k",
                "-XX:ReservedCodeCacheSize=13107k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")), command.toString());
        assertEquals(List.of("/r/a.jar:/r/b.jar", LambdaJvm.RUNTIME_MAIN_CLASS, "x.Handler"), command.subList(command.size() - 3, command.size()));
    }

    @Test
    void givesTheStacksSdkSettingsAsLambdasVariables() {
        Map<String, String> environment = LambdaJvm.asEnvironment(Map.of("TABLE_NAME", "t", "aws.region", "us-east-1",
                "aws.accessKeyId", "local", "aws.endpointUrlDynamoDb", "http://127.0.0.1:1", "aws.endpointUrlSqs", "http://127.0.0.1:2"));
        assertEquals(Map.of("TABLE_NAME", "t", "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:2"), environment);
        assertThrows(IllegalArgumentException.class, () -> LambdaJvm.asEnvironment(Map.of("aws.somethingNew", "x")));
    }
}
