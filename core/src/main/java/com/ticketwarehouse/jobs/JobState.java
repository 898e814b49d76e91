package com.ticketwarehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The last run of a job, kept in the lake ({@code state/jobs/<job>.json}) by whoever ran it (the
 * runner, the Lambda function): what {@code ./tw jobs} lists and what health checks judge.
 *
 * @param runId    the load's run id, or null for a job that is no load (crawl, transform)
 * @param status   complete or failed
 * @param lastSuccess when a run of the job last completed, this one or an earlier one
 */
public record JobState(String job, String runId, String status, Instant startedAt, Duration duration, long records, long requests,
                       String error, Instant lastSuccess) {
    public static final String COMPLETE = "complete", FAILED = "failed";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static String stateName(String job) {
        return "jobs/" + job + ".json";
    }

    public boolean failed() {
        return !COMPLETE.equals(status);
    }

    public Instant finishedAt() {
        return startedAt.plus(duration);
    }

    /** The one line of a run: job, run id, records, requests, duration, status (and why it failed). */
    public String line() {
        return String.format("job=%s run=%s status=%s records=%d requests=%d duration=%.1fs%s", job, runId == null ? "-" : runId, status,
                records, requests, duration.toMillis() / 1000.0, error == null ? "" : " error=\"" + error.replace("\"", "'") + "\"");
    }

    public byte[] json() {
        ObjectNode node = JSON.createObjectNode().put("job", job).put("run_id", runId).put("status", status)
                .put("started_at", startedAt.toString()).put("duration_ms", duration.toMillis()).put("records", records)
                .put("requests", requests).put("error", error).put("last_success", lastSuccess == null ? null : lastSuccess.toString());
        return (node.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static JobState parse(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new JobState(n.path("job").asText(), n.path("run_id").isNull() ? null : n.path("run_id").asText(null), n.path("status").asText(),
                    Instant.parse(n.path("started_at").asText()), Duration.ofMillis(n.path("duration_ms").asLong()), n.path("records").asLong(),
                    n.path("requests").asLong(), n.path("error").isNull() ? null : n.path("error").asText(null),
                    n.path("last_success").isNull() || n.path("last_success").isMissingNode() ? null : Instant.parse(n.path("last_success").asText()));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("a job's state is unreadable: " + e.getMessage(), e));
        }
    }
}
