package dev.microjobs.core.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class IdPropertiesTest {

    private static final long MAX_MILLIS = (1L << 48) - 1;
    private static final long MAX_HALF = (1L << 40) - 1;

    @Property
    boolean everyEncodedIdParsesBackToItsTimestamp(
            @ForAll @LongRange(min = 0, max = MAX_MILLIS) long millis,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long high,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long low) {
        String raw = "task_" + Ulid.encode(millis, high, low);
        Id id = Id.parse(IdType.TASK, raw);
        return id.timestamp().toEpochMilli() == millis && id.toString().equals(raw);
    }

    @Property
    boolean aLaterMillisecondAlwaysSortsAfter(
            @ForAll @LongRange(min = 0, max = MAX_MILLIS - 1) long millis,
            @ForAll @LongRange(min = 1, max = 1_000_000) long later,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long randomA,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long randomB) {
        String earlier = Ulid.encode(millis, randomA, randomA);
        String laterId = Ulid.encode(Math.min(MAX_MILLIS, millis + later), randomB, randomB);
        return earlier.compareTo(laterId) < 0;
    }

    @Property
    boolean suffixesCompareLikeTheirRandomParts(
            @ForAll @LongRange(min = 0, max = MAX_HALF) long highA,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long lowA,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long highB,
            @ForAll @LongRange(min = 0, max = MAX_HALF) long lowB) {
        int byValue = highA != highB ? Long.compare(highA, highB) : Long.compare(lowA, lowB);
        int byString = Ulid.encode(1, highA, lowA).compareTo(Ulid.encode(1, highB, lowB));
        return Integer.signum(byValue) == Integer.signum(byString);
    }
}
