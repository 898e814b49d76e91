package com.ticketwarehouse.archive;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunTest {
    @Test
    void started_at_names_the_second_the_run_began_and_its_duration_counts_from_the_instant() {
        // just before a second turns: counted from the second, the duration would be a second too long
        Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusMillis(1);
        LoadRun run = new LoadRun(began, "all", TimeRange.of("all", LocalDate.now(), null, null));
        run.finish(LoadRun.COMPLETE, null);

        assertThat(run.startedAt()).isEqualTo(began.truncatedTo(ChronoUnit.SECONDS));
        assertThat(run.elapsed()).isEqualTo(Duration.between(began, run.finishedAt()));
    }
}
