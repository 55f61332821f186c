package dev.microjobs.bench.cost;

/**
 * Amazon Mechanical Turk's commission on a reward, for comparison: 20% of each assignment's
 * reward, plus another 20% for HITs with 10 or more assignments, at least $0.01 per assignment
 * (requester pricing as published by MTurk since July 2015).
 */
public final class MechanicalTurkFee {

    static final double BASE_RATE = 0.20;
    static final double LARGE_HIT_SURCHARGE = 0.20;
    static final int LARGE_HIT_ASSIGNMENTS = 10;
    static final double MINIMUM_PER_ASSIGNMENT_USD = 0.01;

    private MechanicalTurkFee() {
    }

    /** The fee in dollars for one assignment paying {@code rewardUsd} in a HIT of {@code assignmentsInHit}. */
    public static double perAssignment(double rewardUsd, int assignmentsInHit) {
        double rate = BASE_RATE + (assignmentsInHit >= LARGE_HIT_ASSIGNMENTS ? LARGE_HIT_SURCHARGE : 0);
        return Math.max(MINIMUM_PER_ASSIGNMENT_USD, rewardUsd * rate);
    }
}
