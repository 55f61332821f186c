package dev.microjobs.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Valid domain objects to start tests from. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final IdGenerator IDS = new IdGenerator(Clock.systemUTC());
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static Money usd(long cents) {
        return new Money(cents, "USD");
    }

    static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    static JsonNode json(String source) {
        try {
            return JSON.readTree(source);
        } catch (Exception e) {
            throw new IllegalArgumentException(source, e);
        }
    }

    /** 3 assignments x 2 inputs of a tagline job at 25 cents plus a 3 cent fee. */
    static Job job() {
        return job(3, 6);
    }

    static Job job(int assignments, int taskCount) {
        return new Job(IDS.next(IdType.JOB), IDS.next(IdType.BUSINESS), JobType.TAGLINE, "Taglines for Acme",
                "Five words at most.", usd(25), usd(3), assignments, taskCount, Set.of("copywriting"),
                new Job.DraftSettings(DraftProviderName.OFFLINE, null), URI.create("https://acme.example/hooks"),
                600, 86_400, T0, T0.plus(Duration.ofDays(7)), JobStatus.OPEN);
    }

    static Draft draft(String content) {
        return Draft.of(DraftProviderName.OFFLINE, null, text(content), 12, null, null, T0);
    }

    static Claim claim(String workerId, Instant at) {
        return new Claim(IDS.next(IdType.CLAIM), workerId, at, at.plusSeconds(600));
    }

    static Submission submissionUnder(Claim claim, String output, Instant at) {
        return new Submission(claim.claimId(), claim.workerId(), text(output), DraftUse.EDITED,
                claim.claimedAt(), at, 42, 0.3);
    }
}
