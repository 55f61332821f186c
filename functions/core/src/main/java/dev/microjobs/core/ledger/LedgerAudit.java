package dev.microjobs.core.ledger;

import dev.microjobs.core.domain.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that money is conserved: every stored balance equals the sum of its ledger entries, no
 * balance is negative, and per currency what came in equals what is held plus what went out:
 * deposits = balances + escrow + worker earnings + payable + paid out + fees.
 */
public final class LedgerAudit {

    private LedgerAudit() {
    }

    /** The sums of one currency, in minor units. */
    public record Totals(long deposits, long balances, long escrow, long earnings, long payable, long paidOut,
                         long fees) {
        public long accountedFor() {
            return balances + escrow + earnings + payable + paidOut + fees;
        }
    }

    public record Report(int entries, Map<String, Totals> totals, List<String> problems) {
        public boolean conserved() {
            return problems.isEmpty();
        }

        public String summary() {
            StringBuilder line = new StringBuilder(conserved() ? "ledger ok" : "ledger NOT ok")
                    .append(": ").append(entries).append(" entries");
            totals.forEach((currency, t) -> line.append("; ").append(currency)
                    .append(" deposits=").append(t.deposits())
                    .append(" balances=").append(t.balances())
                    .append(" held=").append(t.escrow())
                    .append(" earnings=").append(t.earnings())
                    .append(" payable=").append(t.payable())
                    .append(" paidOut=").append(t.paidOut())
                    .append(" fees=").append(t.fees()));
            return line.toString();
        }
    }

    /**
     * @param storedBalances the balance each balance-keeping account holds, keyed by
     *     {@code account + "|" + currency}
     */
    public static Report audit(List<LedgerEntry> entries, Map<String, Money> storedBalances) {
        Map<String, Long> fromEntries = new TreeMap<>();
        for (LedgerEntry entry : entries) {
            String currency = entry.amount().currency();
            fromEntries.merge(entry.from() + "|" + currency, -entry.amount().amount(), Long::sum);
            fromEntries.merge(entry.to() + "|" + currency, entry.amount().amount(), Long::sum);
        }
        List<String> problems = new ArrayList<>();
        storedBalances.forEach((key, stored) -> {
            long expected = fromEntries.getOrDefault(key, 0L);
            if (stored.amount() != expected) {
                problems.add(key + ": stored " + stored.amount() + " but its entries add up to " + expected);
            }
        });
        fromEntries.forEach((key, sum) -> {
            boolean keepsBalance = key.startsWith("business:") || key.startsWith("worker:");
            if (keepsBalance && !storedBalances.containsKey(key) && sum != 0) {
                problems.add(key + ": entries add up to " + sum + " but no balance is stored");
            }
            if (!key.startsWith("external:") && sum < 0) {
                problems.add(key + ": negative balance " + sum);
            }
        });
        Map<String, long[]> sums = new TreeMap<>();
        fromEntries.forEach((key, sum) -> {
            String account = key.substring(0, key.lastIndexOf('|'));
            String currency = key.substring(key.lastIndexOf('|') + 1);
            long[] t = sums.computeIfAbsent(currency, c -> new long[7]);
            if (account.equals(LedgerAccount.EXTERNAL_DEPOSITS)) {
                t[0] -= sum;
            } else if (account.startsWith("business:") && account.endsWith(":available")) {
                t[1] += sum;
            } else if (account.startsWith("business:") && account.endsWith(":escrow")) {
                t[2] += sum;
            } else if (account.startsWith("worker:") && account.endsWith(":earnings")) {
                t[3] += sum;
            } else if (account.startsWith("worker:") && account.endsWith(":payable")) {
                t[4] += sum;
            } else if (account.equals(LedgerAccount.EXTERNAL_PAYOUTS)) {
                t[5] += sum;
            } else if (account.equals(LedgerAccount.PLATFORM_FEES)) {
                t[6] += sum;
            } else {
                problems.add("unknown ledger account " + account);
            }
        });
        Map<String, Totals> totals = new TreeMap<>();
        sums.forEach((currency, t) -> {
            Totals currencyTotals = new Totals(t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
            totals.put(currency, currencyTotals);
            if (currencyTotals.deposits() != currencyTotals.accountedFor()) {
                problems.add(currency + ": deposits " + currencyTotals.deposits() + " but " + currencyTotals.accountedFor()
                        + " accounted for");
            }
        });
        return new Report(entries.size(), totals, problems);
    }
}
