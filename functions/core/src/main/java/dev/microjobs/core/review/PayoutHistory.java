package dev.microjobs.core.review;

import java.util.List;

/** The payouts made to a worker, newest first. Payouts are written by the payouts function. */
public interface PayoutHistory {
    List<WorkerPayout> payoutsOf(String workerId);
}
