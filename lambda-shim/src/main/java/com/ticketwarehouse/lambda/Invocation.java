package com.ticketwarehouse.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one invocation of the function asks for: a {@code direct:} route and the headers it is sent
 * with, read from the invocation's input. Three shapes are taken:
 * <ul>
 * <li>a job by name, {@code {"job": "sync-current"}}: what an EventBridge rule or schedule sends
 *     when its target's Input is set (the Input replaces the event), and a direct invocation;</li>
 * <li>an EventBridge scheduled event as EventBridge sends it when the target has no Input
 *     ({@code "source": "aws.events", "detail-type": "Scheduled Event"}): the job is the one
 *     {@code detail.job} names, else the one the rule's name ends with ({@code resources[0]},
 *     {@code arn:aws:events:...:rule/ticket-warehouse-prod-sync-current} runs sync-current);</li>
 * <li>a command, {@code {"command": "load", "source": "stripe", "timeRange": "recent"}} (also
 *     {@code from}, {@code to}), or {@code {"command": "crawl"}} or {@code "transform"}.</li>
 * </ul>
 */
public record Invocation(String name, String route, Map<String, String> headers) {
    static final String SCHEDULED_EVENT = "Scheduled Event", EVENTBRIDGE = "aws.events";
    private static final Set<String> COMMANDS = Set.of("load", "crawl", "transform");
    private static final Set<String> LOAD_FIELDS = Set.of(Loads.SOURCE, Loads.TIME_RANGE, Loads.FROM, Loads.TO);

    public static Invocation read(JsonNode input, List<Job> jobs) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("the input is not a JSON object: send {\"job\": \"<job>\"} or {\"command\": \"load\", ...}");
        }
        if (input.has("detail-type")) {
            return scheduled(input, jobs);
        }
        if (input.has("job")) {
            only(input, Set.of("job"));
            return ofJob(text(input, "job"), jobs);
        }
        if (input.has("command")) {
            return command(input);
        }
        throw new IllegalArgumentException("the input names no job or command: send {\"job\": \"<job>\"} (jobs: "
                + jobs.stream().map(Job::name).toList() + ") or {\"command\": \"load\" | \"crawl\" | \"transform\"}");
    }

    private static Invocation scheduled(JsonNode event, List<Job> jobs) {
        if (!SCHEDULED_EVENT.equals(event.path("detail-type").asText()) || !EVENTBRIDGE.equals(event.path("source").asText())) {
            throw new IllegalArgumentException("an event of type '" + event.path("detail-type").asText() + "' from '"
                    + event.path("source").asText() + "' is not a schedule: only EventBridge scheduled events start jobs");
        }
        if (event.path("detail").hasNonNull("job")) {
            return ofJob(text(event.path("detail"), "job"), jobs);
        }
        String rule = event.path("resources").path(0).asText("");
        String ruleName = rule.substring(rule.lastIndexOf('/') + 1);
        Job named = null;
        for (Job job : jobs) {
            boolean names = ruleName.equals(job.name()) || ruleName.endsWith("-" + job.name());
            if (names && (named == null || job.name().length() > named.name().length())) {
                named = job;
            }
        }
        if (named == null) {
            throw new IllegalArgumentException("the scheduled event's rule '" + (rule.isEmpty() ? "(none)" : rule)
                    + "' names no job: end the rule's name with -<job>, or give its target the input {\"job\": \"<job>\"} (jobs: "
                    + jobs.stream().map(Job::name).toList() + ")");
        }
        return ofJob(named.name(), jobs);
    }

    private static Invocation ofJob(String name, List<Job> jobs) {
        Job job = Jobs.named(jobs, name);
        if (!job.enabled()) {
            throw new IllegalArgumentException("job " + name + " is switched off in this environment (TW_JOBS_DISABLED)");
        }
        return new Invocation(name, job.route(), job.input());
    }

    private static Invocation command(JsonNode input) {
        String command = text(input, "command");
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "': use load, crawl or transform");
        }
        if (!"load".equals(command)) {
            only(input, Set.of("command"));
            return new Invocation(command, command, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<String> fields = input.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("command")) {
                if (!LOAD_FIELDS.contains(field)) {
                    throw new IllegalArgumentException("load takes no field '" + field + "': use source, timeRange, from and to");
                }
                headers.put(field, text(input, field));
            }
        }
        return new Invocation("load", "load", headers);
    }

    private static void only(JsonNode input, Set<String> allowed) {
        for (Iterator<String> fields = input.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException("unexpected field '" + field + "' beside " + allowed);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return value.asText().trim();
    }
}
