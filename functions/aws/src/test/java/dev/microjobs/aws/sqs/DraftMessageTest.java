package dev.microjobs.aws.sqs;

import dev.microjobs.core.ports.DraftQueue.DraftRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DraftMessageTest {

    private static List<DraftRequest> inputs(String jobId, int count) {
        List<DraftRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(new DraftRequest(jobId, i, List.of("task_" + jobId + "_" + i + "a", "task_" + jobId + "_" + i + "b")));
        }
        return requests;
    }

    @Test
    void aJobsInputsGoTenToAMessageAndReadBackInOrder() {
        List<DraftRequest> requests = inputs("job_a", 23);

        List<String> bodies = DraftMessage.writeAll(requests);

        assertEquals(3, bodies.size());
        assertEquals(List.of(10, 10, 3), bodies.stream().map(body -> DraftMessage.read(body).size()).toList());
        assertEquals(requests, bodies.stream().flatMap(body -> DraftMessage.read(body).stream()).toList());
    }

    @Test
    void aMessageHoldsTheInputsOfOneJobOnly() {
        List<DraftRequest> requests = new ArrayList<>(inputs("job_a", 2));
        requests.addAll(inputs("job_b", 1));

        List<String> bodies = DraftMessage.writeAll(requests);

        assertEquals(List.of(inputs("job_a", 2), inputs("job_b", 1)), bodies.stream().map(DraftMessage::read).toList());
        assertThrows(IllegalArgumentException.class, () -> DraftMessage.write(requests));
        assertThrows(IllegalArgumentException.class, () -> DraftMessage.write(inputs("job_a", 11)));
    }

    @Test
    void aMessageOfOneInputInTheFormatBeforeStillReads() {
        assertEquals(List.of(new DraftRequest("job_a", 4, List.of("task_1", "task_2"))),
                DraftMessage.read("{\"jobId\":\"job_a\",\"inputIndex\":4,\"taskIds\":[\"task_1\",\"task_2\"]}"));
    }

    @Test
    void aBodyThatIsNoDraftMessageIsRefused() {
        for (String body : List.of("{not json", "[]", "{\"inputIndex\":0,\"taskIds\":[]}", "{\"jobId\":\"job_a\",\"inputs\":[]}",
                "{\"jobId\":\"job_a\",\"inputs\":[{\"taskIds\":[]}]}", "{\"jobId\":\"job_a\",\"inputIndex\":0}")) {
            assertThrows(IllegalArgumentException.class, () -> DraftMessage.read(body), body);
        }
    }
}
