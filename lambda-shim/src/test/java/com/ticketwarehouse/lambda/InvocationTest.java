package com.ticketwarehouse.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvocationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("tw.jobs", "sync-current, sync-upcoming, crawl, transform"), Map.entry("tw.jobs.disabled", "transform"),
            Map.entry("tw.job.sync-current.route", "load"), Map.entry("tw.job.sync-current.input", "source=all, timeRange=current"),
            Map.entry("tw.job.sync-current.every", "5m"),
            Map.entry("tw.job.sync-upcoming.route", "load"), Map.entry("tw.job.sync-upcoming.input", "source=ticketsauce, timeRange=upcoming"),
            Map.entry("tw.job.sync-upcoming.every", "1h"),
            Map.entry("tw.job.crawl.route", "crawl"), Map.entry("tw.job.crawl.every", "1d"),
            Map.entry("tw.job.transform.route", "transform"), Map.entry("tw.job.transform.every", "15m"));
    static final List<Job> JOBS = Jobs.read(key -> Optional.ofNullable(SETTINGS.get(key)));

    /** An EventBridge scheduled event exactly as EventBridge sends it to a target without Input. */
    static String scheduledEvent(String ruleArn) {
        return """
                {"version": "0", "id": "89d1a02d-5ec7-412e-82f5-13505f849b41", "detail-type": "Scheduled Event",
                 "source": "aws.events", "account": "123456789012", "time": "2026-11-29T17:05:00Z", "region": "us-east-1",
                 "resources": ["%s"], "detail": {}}""".formatted(ruleArn);
    }

    static Invocation read(String json) throws IOException {
        return Invocation.read(JSON.readTree(json), JOBS);
    }

    @Test
    void a_scheduled_event_runs_the_job_its_rule_is_named_for() throws IOException {
        assertThat(read(scheduledEvent("arn:aws:events:us-east-1:123456789012:rule/ticket-warehouse-prod-sync-current")))
                .isEqualTo(new Invocation("sync-current", "load", Map.of("source", "all", "timeRange", "current")));
        assertThat(read(scheduledEvent("arn:aws:events:us-east-1:123456789012:rule/custom-bus/ticket-warehouse-prod-crawl")))
                .isEqualTo(new Invocation("crawl", "crawl", Map.of()));
        assertThat(read(scheduledEvent("arn:aws:events:us-east-1:123456789012:rule/sync-upcoming")).name()).isEqualTo("sync-upcoming");
    }

    @Test
    void a_job_by_name_is_what_a_target_input_sends() throws IOException {
        assertThat(read("{\"job\": \"sync-upcoming\"}"))
                .isEqualTo(new Invocation("sync-upcoming", "load", Map.of("source", "ticketsauce", "timeRange", "upcoming")));
        JsonNode transformed = JSON.readTree(scheduledEvent("arn:aws:events:us-east-1:123456789012:rule/any-name"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) transformed.get("detail")).put("job", "crawl");
        assertThat(Invocation.read(transformed, JOBS).name()).as("detail.job wins over the rule's name").isEqualTo("crawl");
    }

    @Test
    void commands_take_the_loads_options() throws IOException {
        assertThat(read("{\"command\": \"load\", \"source\": \"stripe\", \"timeRange\": \"recent\"}"))
                .isEqualTo(new Invocation("load", "load", Map.of("source", "stripe", "timeRange", "recent")));
        assertThat(read("{\"command\": \"load\", \"from\": \"2026-01-01\", \"to\": \"2026-01-31\"}").headers())
                .isEqualTo(Map.of("from", "2026-01-01", "to", "2026-01-31"));
        assertThat(read("{\"command\": \"transform\"}")).isEqualTo(new Invocation("transform", "transform", Map.of()));
        assertThat(read("{\"command\": \"crawl\"}").route()).isEqualTo("crawl");
    }

    @Test
    void anything_else_is_refused_in_one_line_naming_what_is_wrong() {
        assertThatThrownBy(() -> read(scheduledEvent("arn:aws:events:us-east-1:123456789012:rule/nightly")))
                .hasMessageContaining("rule 'arn:aws:events:us-east-1:123456789012:rule/nightly' names no job");
        assertThatThrownBy(() -> read("{\"job\": \"nope\"}")).hasMessageContaining("unknown job 'nope'");
        assertThatThrownBy(() -> read("{\"job\": \"transform\"}")).hasMessageContaining("switched off");
        assertThatThrownBy(() -> read("{\"job\": \"crawl\", \"extra\": 1}")).hasMessageContaining("unexpected field 'extra'");
        assertThatThrownBy(() -> read("{\"command\": \"purge\"}")).hasMessageContaining("unknown command 'purge'");
        assertThatThrownBy(() -> read("{\"command\": \"load\", \"time_range\": \"recent\"}")).hasMessageContaining("no field 'time_range'");
        assertThatThrownBy(() -> read("{\"command\": \"load\", \"source\": 3}")).hasMessageContaining("'source' must be a non-empty string");
        assertThatThrownBy(() -> read("{}")).hasMessageContaining("names no job or command");
        assertThatThrownBy(() -> read("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> read("{\"detail-type\": \"EC2 Instance State-change Notification\", \"source\": \"aws.ec2\", \"detail\": {}}"))
                .hasMessageContaining("is not a schedule");
    }
}
