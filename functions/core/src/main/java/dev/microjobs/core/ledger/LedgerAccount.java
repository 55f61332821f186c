package dev.microjobs.core.ledger;

/**
 * Names of the ledger's accounts. Money only ever moves between two of these, so the sum of
 * all balances, per currency, is always zero: the external accounts go negative by exactly what
 * came in from, or went out to, the outside world.
 */
public final class LedgerAccount {
    /** Source of every deposit: a business's top-up, as recorded by an operator. */
    public static final String EXTERNAL_DEPOSITS = "external:deposits";
    /** Where money goes when a payout provider confirms it left the platform. */
    public static final String EXTERNAL_PAYOUTS = "external:payouts";
    public static final String PLATFORM_FEES = "platform:fees";

    private LedgerAccount() {
    }

    public static String businessAvailable(String businessId) {
        return "business:" + businessId + ":available";
    }

    public static String businessEscrow(String businessId) {
        return "business:" + businessId + ":escrow";
    }

    /** Approved rewards not yet paid out. */
    public static String workerEarnings(String workerId) {
        return "worker:" + workerId + ":earnings";
    }

    /** Paid out by the ledger provider: owed to the worker, settled by the operator outside the platform. */
    public static String workerPayable(String workerId) {
        return "worker:" + workerId + ":payable";
    }
}
