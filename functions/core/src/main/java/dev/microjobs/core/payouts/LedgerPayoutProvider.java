package dev.microjobs.core.payouts;

import dev.microjobs.core.accounts.Worker;

/**
 * The default provider: money does not leave the platform. A paid payout becomes the worker's
 * payable balance, which the operator settles by whatever means it uses.
 */
public class LedgerPayoutProvider implements PayoutProvider {
    public static final String NAME = "ledger";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean movesMoneyOut() {
        return false;
    }

    @Override
    public String pay(Payout payout, Worker worker) {
        return "ledger:" + payout.id();
    }
}
