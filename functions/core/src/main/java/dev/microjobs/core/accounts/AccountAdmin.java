package dev.microjobs.core.accounts;

import dev.microjobs.core.domain.IdGenerator;
import dev.microjobs.core.domain.IdType;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.ledger.EntryReason;
import dev.microjobs.core.ledger.LedgerAccount;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.AccountStore;
import dev.microjobs.core.validation.Violations;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator does to accounts: create businesses and workers (their secret is returned
 * here, once, and only its hash is stored) and record deposits.
 */
@Singleton
public class AccountAdmin {
    public static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern PAYOUT_ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_SKILLS = 20;

    private final AccountStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public AccountAdmin(AccountStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    public record NewBusiness(String businessId, String apiKey, BusinessAccount account) {
    }

    public record NewWorker(String workerId, String token, Set<String> skills) {
    }

    public NewBusiness createBusiness(String name, long openingCredit, String currency) {
        Violations violations = new Violations();
        checkName(violations, name);
        if (openingCredit < 0) {
            violations.add("credit", "must be zero or a positive whole number of minor units");
        }
        try {
            Money.minorUnitDigits(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            violations.add("currency", "'" + currency + "' is not an ISO 4217 currency with minor units");
        }
        violations.throwIfAny();

        Instant now = clock.instant();
        Business business = new Business(ids.next(IdType.BUSINESS), name.strip(), currency, now);
        String apiKey = SecretToken.newBusinessKey();
        Optional<LedgerEntry> deposit = openingCredit == 0
                ? Optional.empty()
                : Optional.of(depositEntry(business.id(), new Money(openingCredit, currency), now));
        store.createBusiness(business,
                new StoredCredential(SecretToken.sha256Hex(apiKey), CredentialKind.BUSINESS, business.id()), deposit);
        return new NewBusiness(business.id(), apiKey, account(business.id()));
    }

    public BusinessAccount credit(String businessId, long amount) {
        Business business = store.findBusiness(businessId)
                .orElseThrow(() -> new NotFoundException("No business " + businessId));
        if (amount <= 0) {
            new Violations().add("amount", "must be a positive whole number of minor units").throwIfAny();
        }
        store.deposit(businessId, depositEntry(businessId, new Money(amount, business.currency()), clock.instant()));
        return account(businessId);
    }

    public NewWorker createWorker(String name, Set<String> skills) {
        return createWorker(name, skills, null);
    }

    /** @param payoutAccount the worker's account at the payout provider (a Stripe connected account id), or null */
    public NewWorker createWorker(String name, Set<String> skills, String payoutAccount) {
        Violations violations = new Violations();
        checkName(violations, name);
        if (skills.size() > MAX_SKILLS) {
            violations.add("skills", "at most " + MAX_SKILLS + " skills");
        }
        skills.stream().filter(s -> !SKILL.matcher(s).matches()).forEach(s ->
                violations.add("skills", "'" + s + "' is not a skill: use lower-case letters, digits and '-', up to 40"));
        if (payoutAccount != null && !PAYOUT_ACCOUNT.matcher(payoutAccount).matches()) {
            violations.add("payoutAccount", "letters, digits, '_' and '-', up to 100");
        }
        violations.throwIfAny();

        Worker worker = new Worker(ids.next(IdType.WORKER), name.strip(), skills, payoutAccount, clock.instant());
        String token = SecretToken.newWorkerToken();
        store.createWorker(worker, new StoredCredential(SecretToken.sha256Hex(token), CredentialKind.WORKER, worker.id()));
        return new NewWorker(worker.id(), token, worker.skills());
    }

    public BusinessAccount account(String businessId) {
        return store.findAccount(businessId).orElseThrow(() -> new NotFoundException("No business " + businessId));
    }

    public List<Business> businesses() {
        return store.listBusinesses();
    }

    public List<Worker> workers() {
        return store.listWorkers();
    }

    private LedgerEntry depositEntry(String businessId, Money amount, Instant at) {
        return new LedgerEntry(ids.next(IdType.LEDGER_ENTRY), LedgerAccount.EXTERNAL_DEPOSITS,
                LedgerAccount.businessAvailable(businessId), amount, EntryReason.DEPOSIT, null, null, at);
    }

    private static void checkName(Violations violations, String name) {
        if (name == null || name.isBlank()) {
            violations.add("name", "is required");
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            violations.add("name", "at most " + MAX_NAME_LENGTH + " characters");
        }
    }
}
