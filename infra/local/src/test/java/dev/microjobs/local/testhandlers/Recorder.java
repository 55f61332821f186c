package dev.microjobs.local.testhandlers;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Where the test handlers leave what they received, for the tests (same JVM) to inspect. */
public final class Recorder {

    public static final BlockingQueue<SQSEvent.SQSMessage> SQS_MESSAGES =
            new LinkedBlockingQueue<>();
    public static final BlockingQueue<ScheduledEvent> SCHEDULED_EVENTS =
            new LinkedBlockingQueue<>();
    public static final BlockingQueue<String> STREAM_EVENTS = new LinkedBlockingQueue<>();

    private Recorder() {
    }
}
