package dev.microjobs.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdTest {

    private static final String JOB_ID = "job_01JJHR7GNVABCDEFGHJKMNPQRS";

    @Test
    void parsesAnIdOfTheExpectedType() {
        Id id = Id.parse(IdType.JOB, JOB_ID);

        assertEquals(IdType.JOB, id.type());
        assertEquals("01JJHR7GNVABCDEFGHJKMNPQRS", id.suffix());
        assertEquals(JOB_ID, id.toString());
        assertEquals(Instant.parse("2025-01-26T16:48:28.859Z"), id.timestamp());
    }

    @Test
    void requireValidHandsBackTheSameString() {
        String generated = new IdGenerator(Clock.systemUTC()).next(IdType.WORKER);

        assertSame(generated, Id.requireValid(IdType.WORKER, generated));
    }

    @Test
    void theLargestTimestampIsStillValid() {
        Id last = Id.parse(IdType.EVENT, "evt_7ZZZZZZZZZZZZZZZZZZZZZZZZZ");

        assertEquals(Instant.ofEpochMilli((1L << 48) - 1), last.timestamp());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingIdIsRejected(String raw) {
        var e = assertThrows(InvalidIdException.class, () -> Id.parse(IdType.JOB, raw));
        assertEquals("job id is missing", e.getMessage());
        assertEquals(IdType.JOB, e.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "task_01JJHR7GNVABCDEFGHJKMNPQRS", // another type
        "01JJHR7GNVABCDEFGHJKMNPQRS", // no prefix
        "JOB_01JJHR7GNVABCDEFGHJKMNPQRS", // prefix in the wrong case
        "jobs_01JJHR7GNVABCDEFGHJKMNPQRS",
        "job-01JJHR7GNVABCDEFGHJKMNPQRS",
    })
    void anIdWithTheWrongPrefixIsRejected(String raw) {
        var e = assertThrows(InvalidIdException.class, () -> Id.parse(IdType.JOB, raw));
        assertTrue(e.getMessage().startsWith("expected an id starting with 'job_'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "job_",
        "job_01JJHR7GNVABCDEFGHJKMNPQR", // 25 characters
        "job_01JJHR7GNVABCDEFGHJKMNPQRST", // 27 characters
        "job_01jjhr7gnvabcdefghjkmnpqrs", // lower case is not the canonical spelling
        "job_01JJHR7GNVABCDEFGHIKMNPQRS", // I is not in the alphabet
        "job_01JJHR7GNVABCDEFGHJLMNPQRS", // nor L
        "job_01JJHR7GNVABCDEFGHJKMNOQRS", // nor O
        "job_01JJHR7GNVABCDEFGHJKMNPURS", // nor U
        "job_81JJHR7GNVABCDEFGHJKMNPQRS", // a timestamp past 48 bits
        "job_01JJHR7GNVABCDEFGHJKMNPQ-S",
        "job_01JJHR7GNVABCDEFGHJKMNPQ\u00c9S",
        "job_job_01JJHR7GNVABCDEFGHJKMN",
    })
    void aMalformedSuffixIsRejected(String raw) {
        var e = assertThrows(InvalidIdException.class, () -> Id.parse(IdType.JOB, raw));
        assertTrue(e.getMessage().startsWith("malformed job id"), e.getMessage());
    }

    @Test
    void hugeOrHostileInputIsNotEchoedVerbatim() {
        String raw = "job_" + "A".repeat(10_000) + "\n2026-01-01 INFO forged log line";

        var e = assertThrows(InvalidIdException.class, () -> Id.parse(IdType.JOB, raw));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        var wrongType = assertThrows(InvalidIdException.class, () -> Id.parse(IdType.TASK, "x\r\ny"));
        assertTrue(wrongType.getMessage().endsWith("'x??y'"), wrongType.getMessage());
    }

    @Test
    void anIdCannotBeBuiltFromAMalformedSuffix() {
        assertThrows(InvalidIdException.class, () -> new Id(IdType.JOB, "not-a-ulid"));
    }
}
