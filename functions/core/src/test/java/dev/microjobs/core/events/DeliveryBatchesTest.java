package dev.microjobs.core.events;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryBatchesTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final IdGenerator IDS = new IdGenerator(Clock.fixed(AT, ZoneOffset.UTC));
    private static final String BUSINESS_A = IDS.next(IdType.BUSINESS);
    private static final String BUSINESS_B = IDS.next(IdType.BUSINESS);
    private static final String JOB_1 = IDS.next(IdType.JOB);
    private static final String JOB_2 = IDS.next(IdType.JOB);
    private static final String JOB_3 = IDS.next(IdType.JOB);
    private static final URI ACCOUNT_URL = URI.create("https://hooks.example.com/microjobs");
    private static final URI CALLBACK_URL = URI.create("https://callbacks.example.com/job-1");

    private final FakeEventStore store = new FakeEventStore();
    private final DeliveryBatches batches = new DeliveryBatches(store, store);

    @Test
    void aBatchReadsItsEventsOnceAndTheDistinctJobsAndBusinessesOfThemOnce() {
        Event first = event(BUSINESS_A, JOB_1);
        Event second = event(BUSINESS_A, JOB_1);
        Event other = event(BUSINESS_B, JOB_2);
        store.save(List.of(first, second, other), Set.of());

        DeliveryBatch batch = batches.read(List.of(first.id(), second.id(), other.id()));

        assertEquals(1, store.eventReads.size());
        assertEquals(List.of(Set.of(JOB_1, JOB_2)), store.jobReads);
        assertEquals(List.of(Set.of(BUSINESS_A, BUSINESS_B)), store.businessReads);
        assertEquals(first, batch.event(first.id()).orElseThrow().event());
        assertEquals(second, batch.event(second.id()).orElseThrow().event());
        assertEquals(other, batch.event(other.id()).orElseThrow().event());
    }

    @Test
    void messagesThatNameTheirEventsJobAndBusinessAreReadWithTheirDestinationsInOneRequest() {
        store.setUrl(BUSINESS_A, ACCOUNT_URL);
        store.callbackUrl(JOB_2, CALLBACK_URL);
        Event first = event(BUSINESS_A, JOB_1);
        Event other = event(BUSINESS_B, JOB_2);
        Event nowhere = event(BUSINESS_B, JOB_3);
        store.save(List.of(first, other, nowhere), Set.of());

        DeliveryBatch batch = batches.readReferenced(List.of(EventRef.of(first), EventRef.of(other), EventRef.of(nowhere)));

        assertEquals(List.of(Set.of(first.id(), other.id(), nowhere.id())), store.combinedReads);
        assertTrue(store.eventReads.isEmpty() && store.jobReads.isEmpty(), "no read of its own for either");
        assertEquals(first, batch.event(first.id()).orElseThrow().event());
        assertEquals(ACCOUNT_URL, batch.destinations().url(first));
        assertEquals(CALLBACK_URL, batch.destinations().url(other));
        assertEquals(Set.of(nowhere.id()), batch.undeliverable());
    }

    @Test
    void messagesFromBeforeTheyNamedJobAndBusinessAreReadInTwoRequests() {
        Event named = event(BUSINESS_A, JOB_1);
        Event older = event(BUSINESS_B, JOB_2);
        store.save(List.of(named, older), Set.of());

        DeliveryBatch batch = batches.readReferenced(List.of(EventRef.of(named), new EventRef(older.id(), null, null)));

        assertTrue(store.combinedReads.isEmpty());
        assertEquals(1, store.eventReads.size());
        assertEquals(List.of(Set.of(JOB_1, JOB_2)), store.jobReads);
        assertEquals(older, batch.event(older.id()).orElseThrow().event());
    }

    @Test
    void anEventNoLongerStoredIsAbsentAndTheOthersAreThere() {
        Event stored = event(BUSINESS_A, JOB_1);
        store.save(List.of(stored), Set.of());
        String expired = IDS.next(IdType.EVENT);

        DeliveryBatch batch = batches.read(List.of(stored.id(), expired));

        assertTrue(batch.event(stored.id()).isPresent());
        assertTrue(batch.event(expired).isEmpty());
    }

    @Test
    void aDuplicateMessageOfAnEventAlreadyDeliveredIsReadOnceAndLooksUpNoDestination() {
        Event delivered = event(BUSINESS_A, JOB_1);
        store.save(List.of(delivered), Set.of());
        deliver(delivered);

        DeliveryBatch batch = batches.read(List.of(delivered.id(), delivered.id()));

        assertEquals(DeliveryStatus.DELIVERED, batch.event(delivered.id()).orElseThrow().status());
        assertEquals(1, store.eventReads.get(0).size());
        assertTrue(store.jobReads.isEmpty(), "nothing to deliver, nothing to look up");
    }

    @Test
    void anEmptyBatchReadsNothing() {
        DeliveryBatch batch = batches.read(List.of());

        assertTrue(batch.events().isEmpty());
        assertTrue(store.eventReads.isEmpty());
    }

    @Test
    void eachEventGoesToItsJobsCallbackUrlElseItsAccountsUrlElseNowhere() {
        store.setUrl(BUSINESS_A, ACCOUNT_URL);
        store.rotateSecret(BUSINESS_A, "whsec_a", AT);
        store.callbackUrl(JOB_1, CALLBACK_URL);
        Event withCallback = event(BUSINESS_A, JOB_1);
        Event withAccountUrl = event(BUSINESS_A, JOB_2);
        Event withNeither = event(BUSINESS_B, JOB_3);
        store.save(List.of(withCallback, withAccountUrl, withNeither), Set.of());

        WebhookDestinations destinations = batches.read(List.of(withCallback.id(), withAccountUrl.id(),
                withNeither.id())).destinations();

        assertEquals(CALLBACK_URL, destinations.url(withCallback));
        assertEquals(ACCOUNT_URL, destinations.url(withAccountUrl));
        assertNull(destinations.url(withNeither));
        assertEquals(List.of("whsec_a"), destinations.endpoint(BUSINESS_A).signingSecrets(AT));
        assertEquals(WebhookEndpoint.NONE, destinations.endpoint(BUSINESS_B));
    }

    @Test
    void theEventsWithNowhereToGoAreMarkedTogetherAndTheOthersAreLeftToDeliver() {
        store.setUrl(BUSINESS_A, ACCOUNT_URL);
        Event deliverable = event(BUSINESS_A, JOB_1);
        Event nowhere = event(BUSINESS_B, JOB_2);
        Event alsoNowhere = event(BUSINESS_B, JOB_3);
        Event delivered = event(BUSINESS_B, JOB_3);
        store.save(List.of(deliverable, nowhere, alsoNowhere, delivered), Set.of());
        deliver(delivered);
        DeliveryBatch read = batches.read(ids(deliverable, nowhere, alsoNowhere, delivered));
        assertFalse(read.isSettledUndeliverable(nowhere.id()), "read, nothing is settled yet");

        DeliveryBatch batch = batches.settleUndeliverable(read);

        assertEquals(List.of(Set.of(nowhere.id(), alsoNowhere.id())), store.markRequests, "one request for both");
        assertEquals(DeliveryStatus.NO_DESTINATION, store.stored(nowhere.id()).status());
        assertEquals(DeliveryStatus.NO_DESTINATION, store.stored(alsoNowhere.id()).status());
        assertTrue(batch.isSettledUndeliverable(nowhere.id()));
        assertTrue(batch.isSettledUndeliverable(alsoNowhere.id()));
        assertEquals(DeliveryStatus.PENDING, store.stored(deliverable.id()).status());
        assertEquals(DeliveryStatus.DELIVERED, store.stored(delivered.id()).status());
        assertEquals(Set.of(nowhere.id(), alsoNowhere.id()), batch.undeliverable());
    }

    @Test
    void aBatchWhoseEventsAllHaveSomewhereToGoOrAreSettledMarksNothing() {
        store.callbackUrl(JOB_1, CALLBACK_URL);
        Event deliverable = event(BUSINESS_A, JOB_1);
        Event delivered = event(BUSINESS_B, JOB_2);
        store.save(List.of(deliverable, delivered), Set.of());
        deliver(delivered);

        DeliveryBatch read = batches.read(ids(deliverable, delivered));

        assertSame(read, batches.settleUndeliverable(read));
        assertTrue(store.markRequests.isEmpty());
    }

    @Test
    void duplicateMessagesOfAnEventWithNowhereToGoMarkItOnce() {
        Event nowhere = event(BUSINESS_B, JOB_2);
        store.save(List.of(nowhere), Set.of());

        DeliveryBatch batch = batches.settleUndeliverable(batches.read(List.of(nowhere.id(), nowhere.id())));

        assertEquals(List.of(Set.of(nowhere.id())), store.markRequests);
        assertTrue(batch.isSettledUndeliverable(nowhere.id()));
    }

    @Test
    void anEventDeliveredOrExpiredSinceTheReadIsLeftAsItIsAndNeedsNothingMore() {
        Event deliveredMeanwhile = event(BUSINESS_B, JOB_2);
        Event expiredMeanwhile = event(BUSINESS_B, JOB_3);
        store.save(List.of(deliveredMeanwhile, expiredMeanwhile), Set.of());
        DeliveryBatch read = batches.read(ids(deliveredMeanwhile, expiredMeanwhile));
        // A duplicate message, in another invocation, after the business set a URL.
        deliver(deliveredMeanwhile);
        store.expire(expiredMeanwhile.id());

        DeliveryBatch batch = batches.settleUndeliverable(read);

        assertEquals(DeliveryStatus.DELIVERED, store.stored(deliveredMeanwhile.id()).status());
        assertNull(store.stored(expiredMeanwhile.id()), "no mark brings an expired event back");
        assertTrue(batch.isSettledUndeliverable(deliveredMeanwhile.id()));
        assertTrue(batch.isSettledUndeliverable(expiredMeanwhile.id()));
    }

    @Test
    void aMarkTheStoreDidNotWriteLeavesOnlyItsEventUnsettled() {
        Event throttled = event(BUSINESS_B, JOB_2);
        Event marked = event(BUSINESS_B, JOB_3);
        store.save(List.of(throttled, marked), Set.of());
        store.refusedMarks.put(throttled.id(), "ThrottlingError: Throughput exceeds the current capacity");

        DeliveryBatch batch = batches.settleUndeliverable(batches.read(ids(throttled, marked)));

        assertFalse(batch.isSettledUndeliverable(throttled.id()));
        assertEquals(DeliveryStatus.PENDING, store.stored(throttled.id()).status());
        assertTrue(batch.isSettledUndeliverable(marked.id()));
        assertEquals(DeliveryStatus.NO_DESTINATION, store.stored(marked.id()).status());
    }

    @Test
    void aFailedMarkRequestLeavesEveryEventWithNowhereToGoUnsettledAndTheOthersToDeliver() {
        store.setUrl(BUSINESS_A, ACCOUNT_URL);
        Event deliverable = event(BUSINESS_A, JOB_1);
        Event nowhere = event(BUSINESS_B, JOB_2);
        Event alsoNowhere = event(BUSINESS_B, JOB_3);
        store.save(List.of(deliverable, nowhere, alsoNowhere), Set.of());
        store.markFailure = new IllegalStateException("no answer from the table");

        DeliveryBatch batch = batches.settleUndeliverable(batches.read(ids(deliverable, nowhere, alsoNowhere)));

        assertFalse(batch.isSettledUndeliverable(nowhere.id()));
        assertFalse(batch.isSettledUndeliverable(alsoNowhere.id()));
        assertEquals(ACCOUNT_URL, batch.destinations().url(deliverable));
        assertEquals(deliverable, batch.event(deliverable.id()).orElseThrow().event());
    }

    private void deliver(Event event) {
        store.recordAttempt(event.id(), new DeliveryAttempt(1, AT, 200, null, null), DeliveryStatus.DELIVERED);
    }

    private static List<String> ids(Event... events) {
        return Arrays.stream(events).map(Event::id).toList();
    }

    private static Event event(String businessId, String jobId) {
        return new Event(IDS.next(IdType.EVENT), EventType.TASK_APPROVED, AT, businessId, jobId, IDS.next(IdType.TASK));
    }
}
