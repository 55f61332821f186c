package dev.microjobs.aws.dynamodb;

import dev.microjobs.core.accounts.Business;
import dev.microjobs.core.accounts.BusinessAccount;
import dev.microjobs.core.accounts.CredentialKind;
import dev.microjobs.core.accounts.StoredCredential;
import dev.microjobs.core.accounts.Worker;
import dev.microjobs.core.domain.Money;
import dev.microjobs.core.errors.NotFoundException;
import dev.microjobs.core.ledger.LedgerEntry;
import dev.microjobs.core.ports.AccountStore;
import dev.microjobs.core.ports.CredentialStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Businesses ({@code BUSINESS#<id>}/{@code ACCOUNT}, balances on the same item), workers
 * ({@code WORKER#<id>}/{@code PROFILE}) and credentials ({@code CREDENTIAL#<sha256>}).
 * Listing goes through {@code gsi1} ({@code BUSINESSES} / {@code WORKERS}).
 */
@Singleton
public class DynamoAccountStore implements AccountStore, CredentialStore {
    static final String BUSINESS_PREFIX = "BUSINESS#";
    static final String ACCOUNT_SK = "ACCOUNT";
    private static final String WORKER_PREFIX = "WORKER#";
    private static final String PROFILE_SK = "PROFILE";
    private static final String CREDENTIAL_PREFIX = "CREDENTIAL#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, TableConfiguration table) {
        this.dynamo = dynamo;
        this.table = table.getName();
    }

    @Override
    public void createBusiness(Business business, StoredCredential apiKey, Optional<LedgerEntry> openingDeposit) {
        long opening = openingDeposit.map(e -> e.amount().amount()).orElse(0L);
        Item item = Item.withKey(BUSINESS_PREFIX + business.id(), ACCOUNT_SK)
                .put("type", "BUSINESS")
                .put("name", business.name())
                .put("currency", business.currency())
                .put("createdAt", business.createdAt())
                .put("available", opening)
                .put("escrow", 0)
                .put("spent", 0)
                .put(Item.GSI1PK, "BUSINESSES")
                .put(Item.GSI1SK, business.id());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(item));
        writes.add(putNew(credentialItem(apiKey)));
        openingDeposit.ifPresent(entry -> writes.add(LedgerItems.put(table, entry)));
        dynamo.transactWriteItems(t -> t.transactItems(writes));
    }

    @Override
    public void deposit(String businessId, LedgerEntry deposit) {
        Update credit = Update.builder()
                .tableName(table)
                .key(Item.key(BUSINESS_PREFIX + businessId, ACCOUNT_SK))
                .updateExpression("ADD available :amount")
                .conditionExpression("attribute_exists(pk) AND currency = :currency")
                .expressionAttributeValues(Map.of(
                        ":amount", Item.n(deposit.amount().amount()),
                        ":currency", Item.s(deposit.amount().currency())))
                .build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(credit).build(),
                    LedgerItems.put(table, deposit)));
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                throw new NotFoundException("No business " + businessId + " with currency " + deposit.amount().currency());
            }
            throw e;
        }
    }

    @Override
    public Optional<Business> findBusiness(String businessId) {
        return getBusinessItem(businessId).map(DynamoAccountStore::business);
    }

    @Override
    public Optional<BusinessAccount> findAccount(String businessId) {
        return getBusinessItem(businessId).map(item -> {
            String currency = item.string("currency");
            return new BusinessAccount(businessId,
                    new Money(item.number("available"), currency),
                    new Money(item.number("escrow"), currency),
                    new Money(item.number("spent"), currency));
        });
    }

    @Override
    public List<Business> listBusinesses() {
        return queryAll("BUSINESSES").stream().map(DynamoAccountStore::business).toList();
    }

    @Override
    public void createWorker(Worker worker, StoredCredential token) {
        Item item = Item.withKey(WORKER_PREFIX + worker.id(), PROFILE_SK)
                .put("type", "WORKER")
                .put("name", worker.name())
                .putStrings("skills", worker.skills().stream().sorted().toList())
                .put("payoutAccount", worker.payoutAccount())
                .put("createdAt", worker.createdAt())
                .put(Item.GSI1PK, "WORKERS")
                .put(Item.GSI1SK, worker.id());
        dynamo.transactWriteItems(t -> t.transactItems(putNew(item), putNew(credentialItem(token))));
    }

    @Override
    public Optional<Worker> findWorker(String workerId) {
        var response = dynamo.getItem(g -> g.tableName(table).key(Item.key(WORKER_PREFIX + workerId, PROFILE_SK)));
        return response.hasItem() ? Optional.of(worker(Item.of(response.item()))) : Optional.empty();
    }

    @Override
    public List<Worker> listWorkers() {
        return queryAll("WORKERS").stream().map(DynamoAccountStore::worker).toList();
    }

    @Override
    public Optional<StoredCredential> findByHash(String sha256Hex) {
        var response = dynamo.getItem(g -> g.tableName(table)
                .key(Item.key(CREDENTIAL_PREFIX + sha256Hex, "CREDENTIAL")));
        if (!response.hasItem()) {
            return Optional.empty();
        }
        Item item = Item.of(response.item());
        return Optional.of(new StoredCredential(item.string("hash"),
                CredentialKind.valueOf(item.string("kind")), item.string("ownerId")));
    }

    private Optional<Item> getBusinessItem(String businessId) {
        var response = dynamo.getItem(g -> g.tableName(table).key(Item.key(BUSINESS_PREFIX + businessId, ACCOUNT_SK)));
        return response.hasItem() ? Optional.of(Item.of(response.item())) : Optional.empty();
    }

    private List<Item> queryAll(String partition) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                .build();
        return Batches.queryItems(dynamo, table, request).stream().map(Item::of).toList();
    }

    private Item credentialItem(StoredCredential credential) {
        return Item.withKey(CREDENTIAL_PREFIX + credential.sha256Hex(), "CREDENTIAL")
                .put("type", "CREDENTIAL")
                .put("hash", credential.sha256Hex())
                .put("kind", credential.kind().name())
                .put("ownerId", credential.ownerId());
    }

    private TransactWriteItem putNew(Item item) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item.attributes())
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    private static Business business(Item item) {
        return new Business(item.string(Item.GSI1SK), item.string("name"), item.string("currency"),
                item.instant("createdAt"));
    }

    private static Worker worker(Item item) {
        return new Worker(item.string(Item.GSI1SK), item.string("name"), item.stringSet("skills"),
                item.optionalString("payoutAccount").orElse(null), item.instant("createdAt"));
    }
}
