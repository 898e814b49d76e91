package com.ticketwarehouse.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobsTest {
    private static List<Job> read(Map<String, String> settings) {
        return Jobs.read(key -> Optional.ofNullable(settings.get(key)));
    }

    @Test
    void jobs_come_with_route_input_cadence_and_switch() {
        List<Job> jobs = read(Map.of("tw.jobs", "sync-current, crawl", "tw.jobs.disabled", "crawl",
                "tw.job.sync-current.route", "sync", "tw.job.sync-current.input", "timeRange=current, source=all",
                "tw.job.sync-current.every", "5m", "tw.job.crawl.route", "crawl", "tw.job.crawl.every", "1d"));
        assertThat(jobs).containsExactly(
                new Job("sync-current", "sync", Map.of("timeRange", "current", "source", "all"), Duration.ofMinutes(5), true),
                new Job("crawl", "crawl", Map.of(), Duration.ofDays(1), false));
        assertThat(jobs.get(0).rateExpression()).isEqualTo("rate(5 minutes)");
        assertThat(jobs.get(1).rateExpression()).isEqualTo("rate(1 day)");
        assertThat(new Job("x", "x", Map.of(), Duration.ofHours(2), true).rateExpression()).isEqualTo("rate(2 hours)");
        assertThat(Jobs.named(jobs, "crawl").route()).isEqualTo("crawl");
    }

    @Test
    void bad_definitions_name_the_setting() {
        assertThatThrownBy(() -> read(Map.of("tw.jobs", "a", "tw.job.a.route", "load", "tw.job.a.every", "often")))
                .hasMessageContaining("tw.job.a.every = 'often'");
        assertThatThrownBy(() -> read(Map.of("tw.jobs", "a", "tw.job.a.every", "5m"))).hasMessageContaining("tw.job.a.route is missing");
        assertThat(read(Map.of("tw.jobs", "a", "tw.job.a.route", "load", "tw.job.a.every", "30s")).get(0).every()).hasSeconds(30);
        assertThatThrownBy(() -> read(Map.of("tw.jobs", "a", "tw.job.a.route", "load", "tw.job.a.every", "30s")).get(0).rateExpression())
                .hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> read(Map.of("tw.jobs", "", "tw.jobs.disabled", "nope"))).hasMessageContaining("unknown jobs [nope]");
        assertThatThrownBy(() -> Jobs.named(List.of(), "nope")).hasMessageContaining("unknown job 'nope'");
    }
}
