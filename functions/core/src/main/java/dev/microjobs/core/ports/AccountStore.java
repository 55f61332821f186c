package dev.microjobs.core.ports;

import dev.microjobs.core.accounts.Business;
import dev.microjobs.core.accounts.BusinessAccount;
import dev.microjobs.core.accounts.StoredCredential;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.ledger.LedgerEntry;

import java.util.List;
import java.util.Optional;

/** Businesses, workers, their credentials and the business balances. */
public interface AccountStore {

    /** Creates the business, its key and (when given) its opening deposit, all or nothing. */
    void createBusiness(Business business, StoredCredential apiKey, Optional<LedgerEntry> openingDeposit);

    /**
     * Adds a deposit to the business's available balance, with its ledger entry, all or nothing.
     *
     * @throws dev.microjobs.core.errors.NotFoundException when there is no such business
     */
    void deposit(String businessId, LedgerEntry deposit);

    Optional<Business> findBusiness(String businessId);

    Optional<BusinessAccount> findAccount(String businessId);

    List<Business> listBusinesses();

    void createWorker(Worker worker, StoredCredential token);

    Optional<Worker> findWorker(String workerId);

    List<Worker> listWorkers();
}
