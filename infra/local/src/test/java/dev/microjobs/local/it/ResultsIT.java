package dev.microjobs.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/jobs/{id}/results}: one row per approved task, as JSON lines or CSV.
 *
 * <p>Tasks are approved with {@link #approve}, which writes the transition through the task
 * store: a stand-in for the approve endpoint that lands with the payouts issue.
 */
class ResultsIT extends BusinessApiTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    private static final String QUOTED = "Roasted \"slow\", served fast\nsecond line";

    private static String key;
    private static String jobId;
    private static List<String> taskIds;
    private static String workerId;

    /** A drafted job of four tasks: 0 and 2 approved (2 first), 1 only submitted, 3 untouched. */
    @BeforeAll
    static void jobWithApprovedWork() {
        key = newBusiness(10_000);
        ObjectNode body = taglineJob(4, 50);
        body.putObject("draft").put("provider", "offline");
        JsonNode created = submit(key, body);
        jobId = created.get("id").asText();
        taskIds = new ArrayList<>();
        created.get("taskIds").forEach(id -> taskIds.add(id.asText()));
        await("the drafts", Duration.ofSeconds(30),
                () -> get("/v1/jobs/" + jobId, key).json().get("tasks").get("READY").asInt() == 4);

        workerId = newWorker("writing").workerId();
        submitWork(taskIds.get(2), workerId, JSON.getNodeFactory().textNode(FORMULA));
        approve(taskIds.get(2));
        submitWork(taskIds.get(0), workerId, JSON.getNodeFactory().textNode(QUOTED));
        approve(taskIds.get(0));
        submitWork(taskIds.get(1), workerId, JSON.getNodeFactory().textNode("not approved yet"));
    }

    @Test
    void jsonLinesByDefault() {
        Response response = get("/v1/jobs/" + jobId + "/results", key);

        assertEquals(200, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/x-ndjson"), response.contentType());
        String[] lines = response.body().split("\n");
        assertEquals(2, lines.length, response.body());
        JsonNode first = parse(lines[0]);
        JsonNode second = parse(lines[1]);
        assertEquals(taskIds.get(0), first.get("taskId").asText(), "input order, not approval order");
        assertEquals(0, first.get("inputIndex").asInt());
        assertEquals("Coffee roasted in small batches, batch 0", first.get("input").get("brief").asText());
        assertEquals(QUOTED, first.get("output").asText());
        assertTrue(first.get("aiDraft").isArray() && !first.get("aiDraft").isEmpty(), "the offline draft: " + first);
        assertEquals(workerId, first.get("workerId").asText());
        Instant.parse(first.get("approvedAt").asText());
        assertEquals(taskIds.get(2), second.get("taskId").asText());
        assertEquals(FORMULA, second.get("output").asText(), "JSON carries the text as is");
    }

    @Test
    void csvWhenAsked() {
        Response response = send("GET", "/v1/jobs/" + jobId + "/results", key, null, Map.of("accept", "text/csv"));

        assertEquals(200, response.status(), response.body());
        assertTrue(response.contentType().startsWith("text/csv"), response.contentType());
        List<List<String>> rows = Csv.parse(response.body());
        assertEquals(List.of("task_id", "input", "output", "ai_draft", "worker_id", "approved_at"), rows.get(0));
        assertEquals(3, rows.size(), response.body());

        List<String> first = rows.get(1);
        assertEquals(taskIds.get(0), first.get(0));
        assertEquals("Coffee roasted in small batches, batch 0", parse(first.get(1)).get("brief").asText());
        assertEquals(QUOTED, first.get(2), "quotes, comma and newline survive the quoting");
        assertTrue(parse(first.get(3)).isArray(), first.get(3));
        assertEquals(workerId, first.get(4));
        Instant.parse(first.get(5));

        List<String> second = rows.get(2);
        assertEquals(taskIds.get(2), second.get(0));
        assertEquals("'" + FORMULA, second.get(2), "a formula is defused with a leading apostrophe");
    }

    @Test
    void aJobWithoutApprovedWorkHasNoRows() {
        String jobWithout = submit(key, taglineJob(2, 10)).get("id").asText();

        assertEquals("", get("/v1/jobs/" + jobWithout + "/results", key).body());
        Response csv = send("GET", "/v1/jobs/" + jobWithout + "/results", key, null, Map.of("accept", "text/csv"));
        assertEquals(List.of(List.of("task_id", "input", "output", "ai_draft", "worker_id", "approved_at")),
                Csv.parse(csv.body()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** An RFC 4180 reader: quoted cells with doubled quotes, CRLF between records. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    cell.append(c);
                }
            }
            assertTrue(row.isEmpty() && cell.isEmpty() && !quoted, "every record ends with CRLF: " + text);
            return rows;
        }
    }
}
