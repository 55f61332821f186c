package dev.microjobs.core.ports;

import java.util.Collection;

/** Asks the payouts function to pay workers' approved earnings, one request per worker and currency. */
public interface PayoutQueue {

    /** A worker's approved earnings in one currency, to be paid. */
    record Settlement(String workerId, String currency) {
    }

    /** One request per settlement, sent in as few calls as the queue takes; several may already have gone when it throws. */
    void settleAll(Collection<Settlement> settlements);
}
