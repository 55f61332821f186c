package dev.microjobs.core.domain;

import static dev.microjobs.core.domain.Fixtures.IDS;
import static dev.microjobs.core.domain.Fixtures.T0;
import static dev.microjobs.core.domain.Fixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobTest {

    private static Job with(Money reward, Money fee) {
        Job j = Fixtures.job();
        return new Job(j.id(), j.businessId(), j.type(), j.title(), j.instructions(), reward, fee, j.assignments(),
                j.taskCount(), j.skills(), j.drafting(), j.callbackUrl(), j.leaseSeconds(),
                j.autoApproveAfterSeconds(), j.createdAt(), j.expiresAt(), j.status());
    }

    @Test
    void escrowHoldsRewardPlusFeeForEveryTask() {
        Job job = Fixtures.job(3, 6);

        assertEquals(usd((25 + 3) * 6), job.escrowHold());
        assertEquals(2, job.inputCount());
    }

    @ParameterizedTest(name = "{0} assignments, {1} tasks")
    @CsvSource({"0, 1", "11, 11", "-1, 1", "3, 0", "3, 7", "2, -2"})
    void rejectsImpossibleAssignmentCounts(int assignments, int taskCount) {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.job(assignments, taskCount));
    }

    @Test
    void acceptsOneToTenAssignments() {
        assertEquals(1, Fixtures.job(1, 1).assignments());
        assertEquals(Job.MAX_ASSIGNMENTS, Fixtures.job(10, 50).assignments());
    }

    @Test
    void rejectsNegativeOrMixedCurrencyPrices() {
        assertThrows(IllegalArgumentException.class, () -> with(usd(-1), usd(0)));
        assertThrows(IllegalArgumentException.class, () -> with(usd(25), usd(-1)));
        var e = assertThrows(IllegalArgumentException.class, () -> with(usd(25), new Money(3, "EUR")));
        assertTrue(e.getMessage().contains("currency"), e.getMessage());
    }

    @Test
    void idsMustBeOfTheRightKind() {
        Job j = Fixtures.job();
        assertThrows(InvalidIdException.class, () -> new Job(j.businessId(), j.id(), j.type(), j.title(),
                j.instructions(), j.reward(), j.fee(), j.assignments(), j.taskCount(), j.skills(), j.drafting(),
                j.callbackUrl(), j.leaseSeconds(), j.autoApproveAfterSeconds(), j.createdAt(), j.expiresAt(),
                j.status()));
    }

    @Test
    void mustExpireAfterItIsCreated() {
        Job j = Fixtures.job();
        assertThrows(IllegalArgumentException.class, () -> new Job(j.id(), j.businessId(), j.type(), j.title(),
                j.instructions(), j.reward(), j.fee(), j.assignments(), j.taskCount(), j.skills(), j.drafting(),
                j.callbackUrl(), j.leaseSeconds(), j.autoApproveAfterSeconds(), T0, T0, j.status()));
    }

    @Test
    void skillsAreCopiedAndCannotBeChanged() {
        Set<String> skills = new HashSet<>(Set.of("french"));
        Job j = Fixtures.job();
        Job job = new Job(IDS.next(IdType.JOB), j.businessId(), j.type(), j.title(), j.instructions(), j.reward(),
                j.fee(), j.assignments(), j.taskCount(), skills, j.drafting(), null, j.leaseSeconds(),
                j.autoApproveAfterSeconds(), j.createdAt(), j.expiresAt(), j.status());
        skills.add("german");

        assertEquals(Set.of("french"), job.skills());
        assertThrows(UnsupportedOperationException.class, () -> job.skills().add("german"));
    }
}
