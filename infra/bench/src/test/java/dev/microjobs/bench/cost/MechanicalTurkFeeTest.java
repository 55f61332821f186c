package dev.microjobs.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MechanicalTurkFeeTest {

    @Test
    void twentyPercentOfTheReward() {
        assertEquals(0.05, MechanicalTurkFee.perAssignment(0.25, 1), 1e-12);
    }

    @Test
    void fortyPercentFromTenAssignments() {
        assertEquals(0.05, MechanicalTurkFee.perAssignment(0.25, 9), 1e-12);
        assertEquals(0.10, MechanicalTurkFee.perAssignment(0.25, 10), 1e-12);
    }

    @Test
    void atLeastACentPerAssignment() {
        assertEquals(0.01, MechanicalTurkFee.perAssignment(0.02, 1), 1e-12);
        assertEquals(0.01, MechanicalTurkFee.perAssignment(0.0, 1), 1e-12);
        assertEquals(0.01, MechanicalTurkFee.perAssignment(0.05, 1), 1e-12, "exactly the minimum at 5 cents");
        assertEquals(0.012, MechanicalTurkFee.perAssignment(0.03, 10), 1e-12, "the surcharge lifts 3 cents over the minimum");
    }
}
