package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.accounts.AccountAdmin;
import dev.microjobs.local.it.ApiEndpoints.Audience;
import dev.microjobs.local.it.ApiEndpoints.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the template, called by everyone who is not its owner: nobody, a forged key,
 * another business, the worker on the business API, the business on the worker API, another
 * worker. Each cell has its exact status: 401 for a credential of the wrong kind or none, 404 for
 * another tenant's resource (answered exactly as an id that does not exist, never 403, which
 * would tell that it exists), the caller's own answer on collection endpoints, and 200 for
 * everyone on the public ones. No answer carries anything of the owning tenants (ids, keys,
 * secrets, inputs, work), and no refused call writes anything: neither the functions' SDK calls
 * ({@link ApiWrites}) nor the owners' items in the table show a change.
 *
 * <p>The owners' own calls (the business on its resources, the worker on its claim) are not
 * cells here: the lifecycle ITs test them.
 */
class RoleMatrixIT extends BusinessApiTest {
    private static final String SKILL = "matrix-owned";
    private static final String SKILL_NOBODY_HAS = "matrix-unstaffed";
    private static final String SECRET_TITLE = "Project Nightjar launch copy";
    private static final String SECRET_BRIEF = "Nightjar ships on the 3rd, tell no one";
    private static final String SECRET_OUTPUT = "Nightjar: see in the dark";
    private static final String OWNER_WEBHOOK = "http://127.0.0.1:9/nightjar-hooks";
    private static final Map<String, String> UNKNOWN_IDS = Map.of(
            "job", "job_01JD3Z7R8Q4W5E6R7T8Y9V0W1X", "task", "task_01JD3Z7R8Q4W5E6R7T8Y9V0W1X",
            "claim", "clm_01JD3Z7R8Q4W5E6R7T8Y9V0W1X");

    /** The callers; each is someone other than the owner of what the endpoint serves. */
    enum Role {
        NO_AUTH, FORGED_KEY, OTHER_BUSINESS, WORKER_TOKEN_ON_BUSINESS_API, BUSINESS_KEY_ON_WORKER_API, OTHER_WORKER
    }

    private static String ownerKey;
    private static String otherBusinessKey;
    private static AccountAdmin.NewWorker worker;
    private static AccountAdmin.NewWorker otherWorker;
    private static String jobId;
    private static String submittedTaskId;
    private static String claimId;
    /** Everything of the owning business and worker that no other caller may see. */
    private static Map<String, String> ownersSecrets;
    private static Map<String, Map<String, AttributeValue>> ownersItemsBefore;
    private static final Map<String, Map<Role, Integer>> OBSERVED = new LinkedHashMap<>();

    @BeforeAll
    static void ownersWithAJobAClaimAndSubmittedWork() {
        ownerKey = newBusiness(100_000);
        otherBusinessKey = newBusiness(100_000);
        worker = newWorker(SKILL);
        otherWorker = newWorker();
        ObjectNode job = taglineJob(3, 50);
        job.put("title", SECRET_TITLE).putArray("skills").add(SKILL);
        ((ObjectNode) job.get("inputs").get(0)).put("brief", SECRET_BRIEF);
        JsonNode created = submit(ownerKey, job);
        jobId = created.get("id").asText();
        List<String> taskIds = new ArrayList<>();
        created.get("taskIds").forEach(id -> taskIds.add(id.asText()));
        submittedTaskId = taskIds.get(2);
        submitAs(worker.workerId(), submittedTaskId, SECRET_OUTPUT);
        Response claimed = post("/v1/worker/claims", worker.token(), null);
        assertEquals(201, claimed.status(), claimed.body());
        claimId = claimed.json().get("id").asText();
        Response webhook = send("PUT", "/v1/account/webhook", ownerKey, Map.of("url", OWNER_WEBHOOK), Map.of());
        assertEquals(200, webhook.status(), webhook.body());
        Response secret = post("/v1/account/webhook-secret", ownerKey, null);
        assertEquals(201, secret.status(), secret.body());

        ownersSecrets = new LinkedHashMap<>();
        ownersSecrets.put("business API key", ownerKey);
        ownersSecrets.put("business id", account(ownerKey).get("businessId").asText());
        ownersSecrets.put("worker token", worker.token());
        ownersSecrets.put("worker id", worker.workerId());
        ownersSecrets.put("job id", jobId);
        taskIds.forEach(taskId -> ownersSecrets.put("task id " + taskId, taskId));
        ownersSecrets.put("claim id", claimId);
        ownersSecrets.put("job title", SECRET_TITLE);
        ownersSecrets.put("task input", SECRET_BRIEF);
        ownersSecrets.put("worker output", SECRET_OUTPUT);
        ownersSecrets.put("webhook URL", OWNER_WEBHOOK);
        ownersSecrets.put("webhook secret", secret.json().get("secret").asText());
        ownersItemsBefore = ownersItems();
    }

    /**
     * The stored items that name the owning business, worker or job, read from the table itself:
     * a second witness, beside ApiWrites, that no cell changed anything of theirs. Events are left
     * out because the notifier keeps recording its delivery attempts to the owner's webhook, and
     * bookkeeping items because a refused call may write those.
     */
    private static Map<String, Map<String, AttributeValue>> ownersItems() {
        List<String> owners = List.of(ownersSecrets.get("business id"), worker.workerId(), jobId);
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(stack.tableName("MicrojobsTable")).consistentRead(true).build())
                .items().forEach(item -> {
                    String text = item.toString();
                    String pk = item.get("pk").s();
                    if (!pk.startsWith("EVENT#") && !ApiWrites.isBookkeeping(pk) && owners.stream().anyMatch(text::contains)) {
                        items.put(item.get("pk").s() + " " + item.get("sk").s(), item);
                    }
                });
        return items;
    }

    @AfterAll
    static void printTheMatrix() {
        StringBuilder table = new StringBuilder("RoleMatrixIT: status per endpoint and caller\n| endpoint |");
        for (Role role : Role.values()) {
            table.append(' ').append(role.name().toLowerCase().replace('_', ' ')).append(" |");
        }
        table.append('\n').append("|---|").append("---|".repeat(Role.values().length)).append('\n');
        OBSERVED.forEach((routeKey, statuses) -> {
            table.append("| `").append(routeKey).append("` |");
            for (Role role : Role.values()) {
                table.append(' ').append(Optional.ofNullable(statuses.get(role)).map(String::valueOf).orElse("owner")).append(" |");
            }
            table.append('\n');
        });
        System.out.print(table);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryoneButItsOwner() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Endpoint endpoint : ApiEndpoints.of(TEMPLATE)) {
            for (Role role : Role.values()) {
                expectedStatus(endpoint, role).ifPresent(expected -> cells.add(DynamicTest.dynamicTest(
                        endpoint.routeKey() + " by " + role, () -> assertCell(endpoint, role, expected))));
            }
        }
        cells.add(DynamicTest.dynamicTest("nothing of the owners changed", () -> {
            assertFalse(ownersItemsBefore.isEmpty());
            assertEquals(ownersItemsBefore, ownersItems());
        }));
        return cells.stream();
    }

    /** The status of a cell, or empty for the owner's own cell. */
    private static Optional<Integer> expectedStatus(Endpoint endpoint, Role role) {
        if (endpoint.audience() == Audience.PUBLIC) {
            return Optional.of(200);
        }
        boolean businessApi = endpoint.audience() == Audience.BUSINESS;
        return switch (role) {
            case NO_AUTH, FORGED_KEY -> Optional.of(401);
            case WORKER_TOKEN_ON_BUSINESS_API -> businessApi ? Optional.of(401) : Optional.empty();
            case BUSINESS_KEY_ON_WORKER_API -> businessApi ? Optional.empty() : Optional.of(401);
            case OTHER_BUSINESS -> Optional.of(businessApi ? ownStatusOrNotFound(endpoint) : 401);
            case OTHER_WORKER -> Optional.of(businessApi ? 401 : ownStatusOrNotFound(endpoint));
        };
    }

    /** Another tenant's resource is not found; on a collection the caller gets its own (empty) answer. */
    private static int ownStatusOrNotFound(Endpoint endpoint) {
        if (endpoint.hasId()) {
            return 404;
        }
        return switch (endpoint.routeKey()) {
            case "POST /v1/jobs", "POST /v1/account/webhook-secret" -> 201;
            // The other worker has none of the skills the waiting tasks ask for.
            case "POST /v1/worker/claims" -> 204;
            default -> 200;
        };
    }

    private static void assertCell(Endpoint endpoint, Role role, int expected) {
        String path = endpoint.pathWith(ownersId(endpoint));
        Response response = call(endpoint, path, role);
        OBSERVED.computeIfAbsent(endpoint.routeKey(), key -> new LinkedHashMap<>()).put(role, response.status());
        assertEquals(expected, response.status(), endpoint.routeKey() + " by " + role + ": " + response.body());
        String answer = response.headers() + " " + response.body();
        ownersSecrets.forEach((what, secret) -> {
            // A 404 may name the id that was asked for; that is the caller's own input, not a leak.
            if (!path.contains(secret)) {
                assertFalse(answer.contains(secret), endpoint.routeKey() + " by " + role + " shows the owner's " + what
                        + ": " + answer);
            }
        });
        if (expected >= 400) {
            assertProblem(response, expected);
            assertEquals(List.of(), ApiWrites.effectsOf(response.headers().get("apigw-requestid")),
                    endpoint.routeKey() + " by " + role + " was refused but wrote");
        }
        if (expected == 404) {
            assertLikeAnUnknownId(endpoint, role, response);
        }
    }

    /** The answer for the owner's id is the answer for an id nobody has, but for the id itself. */
    private static void assertLikeAnUnknownId(Endpoint endpoint, Role role, Response response) {
        String ownersId = ownersId(endpoint);
        String unknownId = UNKNOWN_IDS.get(kindOfId(endpoint));
        JsonNode unknown = call(endpoint, endpoint.pathWith(unknownId), role).json();
        JsonNode problem = response.json();
        assertEquals(unknown.get("type"), problem.get("type"));
        assertEquals(unknown.get("title"), problem.get("title"));
        assertEquals(unknown.get("detail").asText().replace(unknownId, "ID"), problem.get("detail").asText().replace(ownersId, "ID"));
    }

    private static Response call(Endpoint endpoint, String path, Role role) {
        return send(endpoint.method(), path, credential(role, endpoint), body(endpoint), Map.of());
    }

    private static String credential(Role role, Endpoint endpoint) {
        return switch (role) {
            case NO_AUTH -> null;
            // A well-formed key of the kind the endpoint wants, never issued.
            case FORGED_KEY -> (endpoint.audience() == Audience.WORKER ? "mjw_" : "mjb_") + "Q".repeat(43);
            case OTHER_BUSINESS -> otherBusinessKey;
            case WORKER_TOKEN_ON_BUSINESS_API -> worker.token();
            case BUSINESS_KEY_ON_WORKER_API -> ownerKey;
            case OTHER_WORKER -> otherWorker.token();
        };
    }

    private static String kindOfId(Endpoint endpoint) {
        if (endpoint.path().startsWith("/v1/jobs/")) {
            return "job";
        }
        if (endpoint.path().startsWith("/v1/tasks/")) {
            return "task";
        }
        if (endpoint.path().startsWith("/v1/worker/claims/")) {
            return "claim";
        }
        throw new AssertionError("RoleMatrixIT does not know what the id of " + endpoint.routeKey() + " names");
    }

    /** The owners' resource the endpoint's {@code {id}} names; an endpoint without an id takes none. */
    private static String ownersId(Endpoint endpoint) {
        if (!endpoint.hasId()) {
            return "";
        }
        return switch (kindOfId(endpoint)) {
            case "job" -> jobId;
            case "task" -> submittedTaskId;
            default -> claimId;
        };
    }

    /** A body the endpoint accepts from its owner, so that a refusal is about who calls. */
    private static Object body(Endpoint endpoint) {
        return switch (endpoint.routeKey()) {
            case "POST /v1/jobs" -> {
                ObjectNode job = taglineJob(1, 50);
                job.putArray("skills").add(SKILL_NOBODY_HAS);
                yield job;
            }
            case "PUT /v1/account/webhook" -> Map.of("url", "http://127.0.0.1:9/other-hooks");
            case "POST /v1/tasks/{id}/reject" -> Map.of("reason", "Off brief");
            case "POST /v1/worker/claims/{id}/submit" -> Map.of("output", "Other work", "draftUsed", "edited");
            default -> null;
        };
    }
}
