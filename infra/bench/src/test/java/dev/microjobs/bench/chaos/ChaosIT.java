package dev.microjobs.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.core.domain.TaskState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue #9's chaos run on the real template: 2,000 tasks through the whole lifecycle under
 * duplicate deliveries, SDK faults, provider failures and crashes ({@code -Dchaos.tasks=N} for
 * another size). Every task is PAID, none twice, the ledger balances and no secret reached the
 * logs. The figures and the captured logs stay in {@code target/chaos}.
 */
class ChaosIT {

    @Test
    void everyTaskIsPaidOnceUnderFaultsAndNoSecretIsLogged() throws Exception {
        int tasks = Integer.getInteger("chaos.tasks", 2000);
        Path out = Path.of("target", "chaos");

        ChaosRun.Settings settings = ChaosRun.Settings.of(tasks);
        ChaosRun.Outcome outcome = new ChaosRun(settings).run(Path.of("../.."), out.resolve("chaos.log"));
        ChaosRun.write(outcome, out);
        System.out.println(outcome.summary());

        String figures = outcome.toJson().toPrettyString();
        assertEquals(0, outcome.lostTasks(), figures);
        assertEquals(tasks, outcome.finalStates().get(TaskState.PAID), figures);
        assertEquals(0, outcome.doublePayouts(), figures);
        assertEquals(outcome.ledgerPaidOut(), outcome.providerPaidOut(), "money the payment system moved is in the ledger");
        assertTrue(outcome.ledgerConserved(), figures);
        assertTrue(outcome.secretsInLogs().isEmpty(), "secrets in the logs: " + outcome.secretsInLogs());
        outcome.faultsInjected().forEach((kind, count) -> assertTrue(count > 0, kind + " was never injected: " + figures));
        // The businesses' keys, the workers' tokens, the AI provider's key and the payout webhook secret.
        assertEquals(settings.driver().businesses() + settings.driver().workers() + 2, outcome.secretsChecked());
    }
}
