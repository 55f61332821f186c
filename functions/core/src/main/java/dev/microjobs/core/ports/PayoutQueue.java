package dev.microjobs.core.ports;

/** Asks the payouts function to pay a worker's approved earnings in one currency. */
public interface PayoutQueue {
    void settle(String workerId, String currency);
}
