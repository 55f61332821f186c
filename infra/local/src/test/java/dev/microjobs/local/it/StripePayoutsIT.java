package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.aws.sqs.PayoutMessage;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Task;
import dev.microjobs.core.payouts.Payout;
import dev.microjobs.core.payouts.PayoutState;
import dev.microjobs.payouts.providers.StripePayoutProvider;
import dev.microjobs.payouts.providers.StripeStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payouts through Stripe Connect on the local stack ({@code PayoutProvider=stripe}), with a
 * Stripe stand-in on 127.0.0.1: one transfer per payout under the payout id, however the payout
 * gets there. (StackTest runs ledger-verify after every test.)
 */
class StripePayoutsIT extends StackTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final IdGenerator IDS = new IdGenerator(CLOCK);
    private static StripeStub stripe;

    /** The stand-in must be listening before the stack learns its URL. */
    /** The stack pays through Stripe, here a stand-in server started first. */
    static Map<String, String> stackParameters() throws IOException {
        stripe = new StripeStub();
        return Map.of(
                "PayoutProvider", "stripe",
                "StripeApiKey", StripeStub.API_KEY,
                "StripeApiBase", stripe.apiBase());
    }
    @AfterAll
    static void stopStripe() {
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void approvedTasksArePaidWithOneTransferPerPayoutEvenWhenMessagesRepeat() {
        String key = newBusiness(10_000);
        AccountAdmin.NewWorker ana = newWorker("acct_1AnaConnected");
        AccountAdmin.NewWorker ben = newWorker("acct_1BenConnected");
        List<String> taskIds = readyTasks(key, 4, 150);
        for (int i = 0; i < taskIds.size(); i++) {
            submitAs((i % 2 == 0 ? ana : ben).workerId(), taskIds.get(i));
        }

        taskIds.forEach(taskId -> assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status()));
        for (int i = 0; i < 3; i++) {
            for (String workerId : List.of(ana.workerId(), ben.workerId())) {
                sqs.sendMessage(m -> m.queueUrl(stack.queueUrl("PayoutsQueue")).messageBody(PayoutMessage.write(workerId, "USD")));
            }
        }

        taskIds.forEach(taskId -> await("task " + taskId + " paid", Duration.ofSeconds(30),
                () -> state(key, taskId).equals("PAID")));
        List<Payout> payouts = new ArrayList<>(payoutStore.history(ana.workerId(), 20));
        payouts.addAll(payoutStore.history(ben.workerId(), 20));
        assertEquals(4 * 150, payouts.stream().mapToLong(payout -> payout.amount().amount()).sum());
        for (Payout payout : payouts) {
            assertEquals(PayoutState.PAID, payout.state());
            List<ObjectNode> transfers = transfersOf(payout.id());
            assertEquals(1, transfers.size(), "one transfer for " + payout);
            ObjectNode transfer = transfers.get(0);
            assertEquals(payout.reference(), transfer.get("id").asText());
            assertEquals(payout.amount().amount(), transfer.get("amount").asLong());
            assertEquals("usd", transfer.get("currency").asText());
            assertEquals(payout.workerId().equals(ana.workerId()) ? "acct_1AnaConnected" : "acct_1BenConnected",
                    transfer.get("destination").asText());
            assertTrue(stripe.transferRequests().stream()
                    .filter(request -> payout.id().equals(request.form().get("transfer_group")))
                    .allMatch(request -> payout.id().equals(request.header("Idempotency-Key"))),
                    "every transfer request of " + payout.id() + " carries it as Idempotency-Key");
        }
    }

    @Test
    void aCrashAfterStripeTookTheTransferEndsWithStillOneTransfer() {
        String key = newBusiness(10_000);
        AccountAdmin.NewWorker newWorker = newWorker("acct_1CaraConnected");
        Worker worker = new Worker(newWorker.workerId(), "IT worker", Set.of(), "acct_1CaraConnected", CLOCK.instant());
        String taskId = readyTasks(key, 1, 90).get(0);
        Task approvedTask = approveWithoutPayoutMessage(submitAs(worker.id(), taskId));
        Instant now = CLOCK.instant();
        Payout pending = new Payout(IDS.next(IdType.PAYOUT), worker.id(), approvedTask.reward(), List.of(taskId),
                PayoutState.PENDING, StripePayoutProvider.NAME, 0, null, null, now, now);
        assertTrue(payoutStore.create(pending));
        Payout sent = pending.sent(now);
        assertTrue(payoutStore.update(pending, sent));
        // The crashed attempt reached Stripe, then the function died before recording PAID.
        String transferId = new StripePayoutProvider(StripeStub.API_KEY, stripe.apiBase(), Duration.ofSeconds(5), 0)
                .pay(sent, worker);

        sqs.sendMessage(m -> m.queueUrl(stack.queueUrl("PayoutsQueue")).messageBody(PayoutMessage.write(worker.id(), "USD")));

        await("the task to be paid", Duration.ofSeconds(30), () -> state(key, taskId).equals("PAID"));
        Payout completed = payoutStore.find(pending.id()).orElseThrow();
        assertEquals(PayoutState.PAID, completed.state());
        assertEquals(2, completed.attempts(), "sent again under the same id");
        assertEquals(transferId, completed.reference());
        assertEquals(1, transfersOf(pending.id()).size());
        assertEquals(1, payoutStore.history(worker.id(), 10).size());
    }

    @Test
    void aWorkerWithoutAStripeAccountSeesWhyThePayoutWaits() {
        String key = newBusiness(10_000);
        String workerId = admin.createWorker("IT worker", Set.of()).workerId();
        String taskId = readyTasks(key, 1, 80).get(0);
        submitAs(workerId, taskId);
        int requestsBefore = stripe.requests().size();

        assertEquals(200, post("/v1/tasks/" + taskId + "/approve", key, null).status());

        await("the payout to fail", Duration.ofSeconds(20), () -> payoutStore.history(workerId, 10).stream()
                .anyMatch(payout -> payout.state() == PayoutState.FAILED));
        Payout failed = payoutStore.history(workerId, 10).get(0);
        assertEquals("no Stripe account connected: ask the operator to link your Stripe account", failed.lastError());
        assertNull(failed.reference());
        assertEquals("APPROVED", state(key, taskId), "the reward stays earned, waiting for the account");
        assertEquals(requestsBefore, stripe.requests().size(), "nothing went to Stripe for this worker");
    }

    private static AccountAdmin.NewWorker newWorker(String stripeAccount) {
        return admin.createWorker("IT worker", Set.of(), stripeAccount);
    }

    private static List<ObjectNode> transfersOf(String payoutId) {
        return stripe.transfers().stream()
                .filter(transfer -> payoutId.equals(transfer.path("transfer_group").asText()))
                .toList();
    }
    /** Stands in for the worker API (claim, then submit) with the same domain moves and conditional writes. */
    /** Approves through the ledger without the API, so no payout message is sent. */
    private static String state(String key, String taskId) {
        return get("/v1/tasks/" + taskId, key).json().get("state").asText();
    }
}
