package dev.microjobs.core.ports;

import java.util.List;

/**
 * Asks for drafts. One request per input of a job: sibling tasks (several assignments of the
 * same input) share one draft, so the AI is asked once per input.
 */
public interface DraftQueue {
    record DraftRequest(String jobId, int inputIndex, List<String> taskIds) {
        public DraftRequest {
            taskIds = List.copyOf(taskIds);
        }
    }

    void request(List<DraftRequest> requests);
}
