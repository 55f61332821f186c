package dev.microjobs.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microjobs.core.domain.Task;

import java.util.List;

/**
 * A job's approved work, one row per approved task: as JSON lines by default, or as CSV where
 * structured cells (input, output, draft) are JSON text.
 */
final class ResultsExport {
    static final String CSV_HEADER = "task_id,input,output,ai_draft,worker_id,approved_at";

    private ResultsExport() {
    }

    static String jsonLines(List<Task> tasks) {
        StringBuilder lines = new StringBuilder();
        for (Task task : tasks) {
            ObjectNode row = JsonNodeFactory.instance.objectNode()
                    .put("taskId", task.id())
                    .put("inputIndex", task.inputIndex());
            row.set("input", task.input());
            row.set("output", task.submission().output());
            row.set("aiDraft", draftContent(task));
            row.put("workerId", task.submission().workerId());
            row.put("approvedAt", task.approvedAt().toString());
            lines.append(row).append('\n');
        }
        return lines.toString();
    }

    static String csv(List<Task> tasks) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (Task task : tasks) {
            csv.append(cell(task.id())).append(',')
                    .append(cell(task.input().toString())).append(',')
                    .append(cell(text(task.submission().output()))).append(',')
                    .append(cell(text(draftContent(task)))).append(',')
                    .append(cell(task.submission().workerId())).append(',')
                    .append(cell(task.approvedAt().toString())).append("\r\n");
        }
        return csv.toString();
    }

    private static JsonNode draftContent(Task task) {
        return task.draft() == null || !task.draft().hasContent()
                ? JsonNodeFactory.instance.nullNode() : task.draft().content();
    }

    /** Plain text stays plain in a spreadsheet; anything structured is written as JSON. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.isNull() ? "" : node.toString();
    }

    /**
     * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula
     * (the output is worker-written text, so it must not become code in the business's sheet).
     */
    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
