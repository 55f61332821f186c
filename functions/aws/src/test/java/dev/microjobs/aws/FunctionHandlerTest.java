package dev.microjobs.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class FunctionHandlerTest {

    private EchoHandler handler;

    @BeforeEach
    void createAsLambdaDoes() {
        handler = new EchoHandler();
    }

    @AfterEach
    void close() {
        handler.close();
    }

    @Test
    void answersTheEventFromTheStreamWithTheResultAsJson() throws Exception {
        Map<?, ?> answer = invoke("{\"name\":\"sweep\"}", new InvocationContext("req-1", "SweeperFunction"));

        assertEquals(Map.of("echo", "sweep"), answer);
    }

    @Test
    void eachInvocationLogsWithItsOwnRequestIdAndNothingLeftOverFromTheLast() throws Exception {
        invoke("{\"name\":\"first\"}", new InvocationContext("req-1", "SweeperFunction"));
        invoke("{\"name\":\"second\"}", new InvocationContext("req-2", "SweeperFunction"));

        Map<String, String> second = handler.logContexts.get(1);
        assertEquals("req-2", second.get("requestId"));
        assertEquals("SweeperFunction", second.get("function"));
        assertNull(second.get("taskId"), "the first invocation's key is gone: " + second);
    }

    /** Micronaut's own entry point would register them on every invocation, at a cost; nothing injects them. */
    @Test
    void lambdasContextIsNotRegisteredAsABean() throws Exception {
        invoke("{\"name\":\"sweep\"}", new InvocationContext("req-1", "SweeperFunction"));

        assertFalse(handler.getApplicationContext().containsBean(Context.class));
        assertFalse(handler.getApplicationContext().containsBean(LambdaLogger.class));
    }

    private Map<?, ?> invoke(String event, Context context) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
        return new ObjectMapper().readValue(output.toByteArray(), Map.class);
    }

    /** Answers the event's name and records the log context it ran in, then adds a key of its own to it. */
    static final class EchoHandler extends FunctionHandler<Map<String, Object>, Map<String, Object>> {
        final List<Map<String, String>> logContexts = new CopyOnWriteArrayList<>();

        @Override
        public Map<String, Object> execute(Map<String, Object> event) {
            logContexts.add(new HashMap<>(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap()));
            MDC.put("taskId", "task_1");
            return Map.of("echo", event.get("name"));
        }
    }

    /** What Lambda's runtime hands a handler about one invocation. */
    private record InvocationContext(String getAwsRequestId, String getFunctionName) implements Context {
        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName;
        }

        @Override
        public String getLogStreamName() {
            return "2026/12/07/[$LATEST]0123456789abcdef";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
