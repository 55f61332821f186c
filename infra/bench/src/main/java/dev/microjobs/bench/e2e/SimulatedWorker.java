package dev.microjobs.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated worker of the lifecycle driver, only through the worker API: claim, edit the
 * draft, hand in; pause (growing) while nothing is claimable. A call that failed, or was answered
 * only after retries, may have made a claim the worker was never told of, or left its claim in
 * progress; when nothing is left to claim, the worker then carries on with its claims in progress,
 * as the worker UI does when reloaded, instead of leaving them to run out their leases.
 */
final class SimulatedWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWorker.class);
    private static final long IDLE_CLAIM_PAUSE_MIN_MS = 20;
    /**
     * A worker finding nothing asks again at most every 2 s, as a person pressing "next task" or a
     * UI polling for them would. At 500 ms, the chaos run's 40 workers made about 2,000 claim
     * attempts a minute while only a few tasks were left, each a rate-limit write and queue and
     * lease queries, and every other stage queued behind them on DynamoDB Local.
     */
    private static final long IDLE_CLAIM_PAUSE_MAX_MS = 2000;

    private final ApiClient api;
    private final String token;
    private final Consumer<String> handedIn;

    /** @param handedIn told the task id of each hand-in the API accepted */
    SimulatedWorker(ApiClient api, String token, Consumer<String> handedIn) {
        this.api = api;
        this.token = token;
        this.handedIn = handedIn;
    }

    /** Works until {@code done} or the deadline. */
    Void work(BooleanSupplier done, Instant deadline) throws InterruptedException {
        long idlePause = IDLE_CLAIM_PAUSE_MIN_MS;
        boolean mayHoldUnknownClaims = false;
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            try {
                ApiClient.Answer claim = api.send("POST", "/v1/worker/claims", token, null, Map.of());
                mayHoldUnknownClaims |= claim.attempts() > 1 || ApiClient.retryable(claim.status());
                if (claim.status() == 201) {
                    idlePause = IDLE_CLAIM_PAUSE_MIN_MS;
                    mayHoldUnknownClaims |= !handIn(claim.json());
                    continue;
                }
                if (claim.status() == 204 && mayHoldUnknownClaims) {
                    mayHoldUnknownClaims = !handInClaimsInProgress();
                }
                Thread.sleep(idlePause);
                idlePause = Math.min(IDLE_CLAIM_PAUSE_MAX_MS, idlePause * 2);
            } catch (IOException e) {
                LOG.debug("A worker call failed: {}", e.toString());
                mayHoldUnknownClaims = true;
                Thread.sleep(idlePause);
            }
        }
        return null;
    }

    /** @return whether the hand-in was answered at the first attempt, with its outcome final */
    private boolean handIn(JsonNode claim) throws IOException, InterruptedException {
        ApiClient.Answer submitted = api.send("POST", "/v1/worker/claims/" + claim.get("id").asText() + "/submit", token,
                Map.of("output", edited(claim.path("task").path("draft")), "draftUsed", "edited"), Map.of());
        if (submitted.status() == 200) {
            handedIn.accept(claim.path("taskId").asText());
        } else {
            // 409: a retried hand-in whose first attempt went through, or a lease lost; the monitor sorts it out.
            LOG.debug("A hand-in answered {}: {}", submitted.status(), submitted.body());
        }
        return submitted.attempts() == 1 && !ApiClient.retryable(submitted.status());
    }

    /**
     * Hands in every claim the worker's overview lists as in progress.
     *
     * @return whether the overview was read and every hand-in answered at the first attempt
     */
    private boolean handInClaimsInProgress() throws IOException, InterruptedException {
        ApiClient.Answer me = api.send("GET", "/v1/worker/me", token, null, Map.of());
        if (me.status() != 200) {
            return false;
        }
        boolean settled = true;
        for (JsonNode claim : me.json().path("claims")) {
            settled &= handIn(claim);
        }
        return settled;
    }

    /** The draft with a worker's touch: a sentence added to text, an item added to a list. */
    static JsonNode edited(JsonNode draft) {
        if (draft.isArray()) {
            ArrayNode list = ((ArrayNode) draft.deepCopy());
            list.add("Checked by a person.");
            return list;
        }
        String text = draft.isTextual() ? draft.asText() : draft.isMissingNode() || draft.isNull() ? "" : draft.toString();
        return new TextNode((text + " Checked by a person.").strip());
    }
}
