package dev.microjobs.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A stream handler: records the raw event JSON and answers with a base64 body. */
public class StreamHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Recorder.STREAM_EVENTS.add(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write("""
                {"statusCode": 200, "headers": {"content-type": "application/octet-stream"},
                 "multiValueHeaders": {"x-multi": ["a", "b"]},
                 "body": "AAEC", "isBase64Encoded": true}
                """.getBytes(StandardCharsets.UTF_8));
    }
}
