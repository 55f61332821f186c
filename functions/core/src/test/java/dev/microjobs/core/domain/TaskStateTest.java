package dev.microjobs.core.domain;

import static dev.microjobs.core.domain.TaskState.APPROVED;
import static dev.microjobs.core.domain.TaskState.CANCELLED;
import static dev.microjobs.core.domain.TaskState.CLAIMED;
import static dev.microjobs.core.domain.TaskState.DRAFTING;
import static dev.microjobs.core.domain.TaskState.EXPIRED;
import static dev.microjobs.core.domain.TaskState.PAID;
import static dev.microjobs.core.domain.TaskState.READY;
import static dev.microjobs.core.domain.TaskState.REJECTED;
import static dev.microjobs.core.domain.TaskState.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStateTest {

    /**
     * The specification, written out independently of the production table: a row per
     * current state, an x where the column's state may follow. Columns are in
     * declaration order.
     */
    private static final String SPEC = """
                       DRAFTING READY CLAIMED SUBMITTED APPROVED PAID REJECTED EXPIRED CANCELLED
            DRAFTING       .      x      .        .         .      .      .        x        x
            READY          .      .      x        .         .      .      .        x        x
            CLAIMED        .      x      .        x         .      .      .        x        x
            SUBMITTED      .      x      .        .         x      .      x        .        .
            APPROVED       .      .      .        .         .      x      .        .        .
            PAID           .      .      .        .         .      .      .        .        .
            REJECTED       .      .      .        .         x      .      .        .        .
            EXPIRED        .      .      .        .         .      .      .        .        .
            CANCELLED      .      .      .        .         .      .      .        .        .
            """;

    static List<Arguments> everyPair() {
        List<String> rows = SPEC.lines().skip(1).toList();
        List<Arguments> pairs = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            TaskState from = TaskState.valueOf(cells[0]);
            for (TaskState to : TaskState.values()) {
                pairs.add(Arguments.of(from, to, cells[1 + to.ordinal()].equals("x")));
            }
        }
        return pairs;
    }

    @Test
    void theSpecCoversAll81Pairs() {
        assertEquals(81, everyPair().size());
        assertEquals(List.of(TaskState.values()).toString().replaceAll("[\\[\\],]", ""),
                SPEC.lines().findFirst().orElseThrow().trim().replaceAll("\\s+", " "));
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPair")
    void everyPairMatchesTheSpec(TaskState from, TaskState to, boolean allowed) {
        assertEquals(allowed, from.canTransitionTo(to));
        assertEquals(allowed, from.allowedNext().contains(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "DRAFTING, READY", // drafted, or drafting gave up
        "DRAFTING, CANCELLED", // job cancelled
        "DRAFTING, EXPIRED", // job expired
        "READY, CLAIMED",
        "CLAIMED, READY", // released, or the lease ran out
        "CLAIMED, SUBMITTED",
        "SUBMITTED, APPROVED",
        "SUBMITTED, REJECTED", // rejected for good
        "SUBMITTED, READY", // rejected with requeue
        "REJECTED, APPROVED", // rejection undone
        "APPROVED, PAID",
    })
    void theHappyAndRecoveryPathsAreAllowed(TaskState from, TaskState to) {
        assertTrue(from.canTransitionTo(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "SUBMITTED, EXPIRED", // handed-in work is always judged
        "SUBMITTED, CANCELLED",
        "READY, SUBMITTED", // no submitting without a claim
        "DRAFTING, CLAIMED", // no claiming before the draft
        "CLAIMED, APPROVED", // no approving unsubmitted work
        "REJECTED, READY",
        "REJECTED, PAID", // paid only through approval
        "APPROVED, REJECTED", // approval is final
        "PAID, READY",
        "READY, READY", // no self-loops: a duplicate request must fail its condition
        "CLAIMED, CLAIMED",
    })
    void shortcutsAndReversalsAreForbidden(TaskState from, TaskState to) {
        assertFalse(from.canTransitionTo(to));
    }

    @Test
    void paidExpiredAndCancelledAreTheOnlyTerminalStates() {
        Set<TaskState> terminal = EnumSet.noneOf(TaskState.class);
        for (TaskState state : TaskState.values()) {
            if (state.isTerminal()) {
                terminal.add(state);
            }
        }
        assertEquals(EnumSet.of(PAID, EXPIRED, CANCELLED), terminal);
        assertFalse(REJECTED.isTerminal());
    }

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void allowedNextCannotBeModified(TaskState state) {
        assertThrows(UnsupportedOperationException.class, () -> state.allowedNext().add(DRAFTING));
    }

    @Test
    void everyStateIsReachableFromDrafting() {
        Set<TaskState> reached = EnumSet.of(DRAFTING);
        List<TaskState> frontier = new ArrayList<>(reached);
        while (!frontier.isEmpty()) {
            for (TaskState next : frontier.remove(0).allowedNext()) {
                if (reached.add(next)) {
                    frontier.add(next);
                }
            }
        }
        assertEquals(EnumSet.allOf(TaskState.class), reached);
    }

    @Test
    void theExceptionNamesTheTaskAndBothStates() {
        var e = new IllegalTransitionException("task_01JJHR7GNVABCDEFGHJKMNPQRS", PAID, READY);

        assertEquals("task task_01JJHR7GNVABCDEFGHJKMNPQRS cannot go from PAID to READY", e.getMessage());
        assertEquals(PAID, e.from());
        assertEquals(READY, e.to());
    }
}
