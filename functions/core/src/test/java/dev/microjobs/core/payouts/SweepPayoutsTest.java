package dev.microjobs.core.payouts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.ports.PayoutQueue.Settlement;
import dev.microjobs.core.ports.PayoutStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SweepPayoutsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final IdGenerator ids = new IdGenerator(Clock.systemUTC());
    private final String owedWorker = ids.next(IdType.WORKER);
    private final String stalledWorker = ids.next(IdType.WORKER);
    private final List<Settlement> queued = new ArrayList<>();

    @Test
    void asksForTheWorkersOwedAndThoseWhosePayoutStalledForAMinute() {
        Payout untouchedForOverAMinute = payout(stalledWorker, NOW.minusSeconds(61));
        Payout sentJustNow = payout(ids.next(IdType.WORKER), NOW.minusSeconds(59));
        Store store = new Store(List.of(untouchedForOverAMinute, sentJustNow));

        int asked = new SweepPayouts(store, queued::addAll).sweep(NOW, NOW.plusSeconds(45));

        assertEquals(List.of(new Settlement(owedWorker, "USD"), new Settlement(stalledWorker, "USD")), queued);
        assertEquals(2, asked);
    }

    private Payout payout(String workerId, Instant lastChanged) {
        return new Payout(ids.next(IdType.PAYOUT), workerId, new Money(25, "USD"), List.of(ids.next(IdType.TASK)),
                PayoutState.SENT, "ledger", 1, null, null, lastChanged.minusSeconds(1), lastChanged);
    }

    /** Answers the two reads the sweep makes as DynamoPayoutStore would; the sweep writes nothing. */
    private final class Store implements PayoutStore {
        private final List<Payout> notPaid;

        Store(List<Payout> notPaid) {
            this.notPaid = notPaid;
        }

        @Override
        public List<Unpaid> workersWithUnpaidTasks() {
            return List.of(new Unpaid(owedWorker, "USD"));
        }

        @Override
        public List<Payout> stalled(Instant before) {
            return notPaid.stream().filter(payout -> payout.updatedAt().isBefore(before)).toList();
        }

        @Override
        public List<String> unpaidTaskIds(String workerId, String currency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean create(Payout payout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(Payout before, Payout after) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Payout> open(String workerId, String currency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Payout> history(String workerId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Payout> find(String payoutId) {
            throw new UnsupportedOperationException();
        }
    }
}
