package dev.microjobs.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.events.Event;
import dev.microjobs.core.events.EventRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventMessageTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final IdGenerator IDS = new IdGenerator(Clock.fixed(AT, ZoneOffset.UTC));

    @Test
    void aMessageNamesItsEventsJobAndBusiness() {
        Event event = Event.jobCompleted(IDS, IDS.next(IdType.BUSINESS), IDS.next(IdType.JOB), AT);

        EventRef read = EventMessage.read(EventMessage.write(event));

        assertEquals(EventRef.of(event), read);
        assertTrue(read.namesItsDestinations());
    }

    @Test
    void aMessageSentBeforeThemNamesTheEventOnly() {
        String eventId = IDS.next(IdType.EVENT);

        EventRef read = EventMessage.read("{\"eventId\":\"" + eventId + "\"}");

        assertEquals(new EventRef(eventId, null, null), read);
        assertFalse(read.namesItsDestinations());
    }

    @Test
    void aBodyWithoutAnEventIdIsNoEventMessage() {
        assertThrows(IllegalArgumentException.class, () -> EventMessage.read("{\"jobId\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> EventMessage.read("not json"));
    }
}
