package dev.microjobs.core.events;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        store.save(List.of(first, second, other));

        DeliveryBatch batch = batches.read(List.of(first.id(), second.id(), other.id()));

        assertEquals(1, store.eventReads.size());
        assertEquals(List.of(Set.of(JOB_1, JOB_2)), store.jobReads);
        assertEquals(List.of(Set.of(BUSINESS_A, BUSINESS_B)), store.businessReads);
        assertEquals(first, batch.event(first.id()).orElseThrow().event());
        assertEquals(second, batch.event(second.id()).orElseThrow().event());
        assertEquals(other, batch.event(other.id()).orElseThrow().event());
    }

    @Test
    void anEventNoLongerStoredIsAbsentAndTheOthersAreThere() {
        Event stored = event(BUSINESS_A, JOB_1);
        store.save(List.of(stored));
        String expired = IDS.next(IdType.EVENT);

        DeliveryBatch batch = batches.read(List.of(stored.id(), expired));

        assertTrue(batch.event(stored.id()).isPresent());
        assertTrue(batch.event(expired).isEmpty());
    }

    @Test
    void aDuplicateMessageOfAnEventAlreadyDeliveredIsReadOnceAndLooksUpNoDestination() {
        Event delivered = event(BUSINESS_A, JOB_1);
        store.save(List.of(delivered));
        store.markStatus(delivered.id(), DeliveryStatus.DELIVERED);

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
        store.save(List.of(withCallback, withAccountUrl, withNeither));

        WebhookDestinations destinations = batches.read(List.of(withCallback.id(), withAccountUrl.id(),
                withNeither.id())).destinations();

        assertEquals(CALLBACK_URL, destinations.url(withCallback));
        assertEquals(ACCOUNT_URL, destinations.url(withAccountUrl));
        assertNull(destinations.url(withNeither));
        assertEquals(List.of("whsec_a"), destinations.endpoint(BUSINESS_A).signingSecrets(AT));
        assertEquals(WebhookEndpoint.NONE, destinations.endpoint(BUSINESS_B));
    }

    private static Event event(String businessId, String jobId) {
        return new Event(IDS.next(IdType.EVENT), EventType.TASK_APPROVED, AT, businessId, jobId, IDS.next(IdType.TASK));
    }
}
