package dev.microjobs.core.payouts;

import dev.microjobs.core.accounts.Worker;

/** Where a payout's money goes. */
public interface PayoutProvider {

    String name();

    /**
     * True when a paid payout has left the platform (a bank or Stripe transfer): the ledger then
     * moves it to {@code external:payouts}. False when it stays on the platform as the worker's
     * payable balance, for the operator to settle outside.
     */
    boolean movesMoneyOut();

    /**
     * Pays the payout, idempotently: the same payout id must never move money twice, however
     * often it is sent.
     *
     * @return the provider's reference for the transfer
     * @throws PayoutException when it did not (yet) go through
     */
    String pay(Payout payout, Worker worker);
}
