package com.ticketwarehouse.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.ticketwarehouse.runner.RunnerTest.Console;
import static com.ticketwarehouse.runner.RunnerTest.allUp;
import static com.ticketwarehouse.runner.RunnerTest.await;
import static com.ticketwarehouse.runner.RunnerTest.manifests;
import static com.ticketwarehouse.runner.RunnerTest.process;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner through a crash: a runner (a JVM of its own) killed with -9 in the middle of a job
 * is restarted at once and takes the lake (its lease names a process gone from this host), while
 * a second live runner is still refused; jobs of one source overlap all along (every sync reads
 * both APIs, every few seconds); the Stripe account lives a day meanwhile. After that day the
 * tables equal a clean full load and health is UP.
 */
class RunnerChaosTest {
    static final long SEED = 7;
    static final Scale SCALE = Scale.named("16x30");
    /** As in SyncTest: the simulated Stripe never runs behind our clock. */
    static final Instant DAY_BEFORE = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant NOW = DAY_BEFORE.plus(Duration.ofDays(1));
    /**
     * Cadences of seconds, so that runs overlap (every trigger also fires at a restart), yet long
     * enough that a run slowed by a busy machine is not overdue (two intervals); sync-recent reads
     * every time range, so that what the runner gathers can equal a full load.
     */
    static final List<String> RUNNER_OPTIONS = List.of("-Dtw.jobs=sync-current, sync-recent, sync-upcoming", "-Dtw.jobs.disabled=",
            "-Dtw.job.sync-current.every=20s", "-Dtw.job.sync-recent.every=30s", "-Dtw.job.sync-recent.input=source=all, timeRange=all",
            "-Dtw.job.sync-upcoming.every=25s", "-Xmx512m");

    @TempDir
    static Path lakes;

    @Test
    void a_runner_killed_in_a_job_restarts_at_once_and_after_a_day_its_tables_equal_a_clean_full_load() throws Exception {
        Map<String, String> cleanTables;
        try (Simulators clean = Simulators.start(SEED, SCALE, FaultPlan.none(), NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(clean, lakes.resolve("clean")))) {
            assertThat(pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class).status())
                    .isEqualTo(LoadRun.COMPLETE);
            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
            cleanTables = EndToEndTest.tables(pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class));
        }

        Path lake = lakes.resolve("chaos");
        try (Simulators apis = Simulators.start(SEED, SCALE, FaultPlan.none(), NOW, 0, 0)) {
            apis.stripe().clock(DAY_BEFORE);
            // answers slow enough that a run is under way at any moment
            apis.faults().slowEvery(1, 60);
            Console first = Console.of(process(apis, RUNNER_OPTIONS, lake, "run"));
            String killed;
            try {
                first.awaitStarted();
                await("the first sync and a run under way after it", Duration.ofSeconds(60), () -> first.text().contains("job=sync-current run=")
                        && running(lake) >= 1);
            } finally {
                killed = first.kill();
            }
            assertThat(killed).doesNotContain("status=failed");
            assertThat(running(lake)).as("the kill left a run in the middle: " + killed).isPositive();
            assertThat(lake.resolve("state/runner.lease")).as("kill -9 leaves the lease behind").exists();

            // the day passes: sales, refunds and disputes in Stripe; the runner is restarted at once
            apis.stripe().clock(NOW);
            Instant dayPassed = Instant.now();
            Console restarted = Console.of(process(apis, RUNNER_OPTIONS, lake, "run"));
            try {
                int port = restarted.awaitStarted();
                assertThat(restarted.text()).doesNotContain("another runner");

                RunnerTest.Tw second = tw(apis, lake);
                assertThat(second.exit()).isEqualTo(1);
                assertThat(second.out().strip().lines().filter(line -> line.startsWith("tw: error:")).toList()).as(second.out())
                        .singleElement().asString().contains("another runner (pid " + restarted.process().pid() + " on ").contains("runs on this lake");

                apis.faults().disableAll();
                try {
                    await("a complete sync of everything that began after the day, and health UP", Duration.ofSeconds(90), () ->
                            completeRunAfter(restarted.text(), "sync-recent", dayPassed) && allUp(port));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the runner printed:\n" + restarted.text() + "\nhealth: " + RunnerTest.health(port), e);
                }
            } finally {
                restarted.terminate();
            }
        }
        List<JsonNode> runs = manifests(lake);
        long overlapping = overlappingPairsReadingBothApis(runs);
        assertThat(overlapping).as("runs of the same sources overlapped").isPositive();
        try (Pipeline pipeline = Pipeline.start(Map.of("tw.lake.dir", lake.toString(), "tw.progress", "false"))) {
            assertThat(EndToEndTest.tables(pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class)))
                    .isEqualTo(cleanTables);
        }
        System.out.printf("RunnerChaosTest: %d runs (%d complete), %d pairs of them reading both APIs at once, one runner killed in a run%n",
                runs.size(), runs.stream().filter(r -> LoadRun.COMPLETE.equals(r.path("status").asText())).count(), overlapping);
    }

    /** Pairs of runs that read both APIs and were under way at the same time. */
    static long overlappingPairsReadingBothApis(List<JsonNode> runs) {
        List<JsonNode> both = runs.stream().filter(r -> r.path("sources").asText().equals("all") && !r.path("finished_at").isNull()).toList();
        long pairs = 0;
        for (int i = 0; i < both.size(); i++) {
            for (int j = i + 1; j < both.size(); j++) {
                Instant startA = Instant.parse(both.get(i).path("started_at").asText()), endA = Instant.parse(both.get(i).path("finished_at").asText());
                Instant startB = Instant.parse(both.get(j).path("started_at").asText()), endB = Instant.parse(both.get(j).path("finished_at").asText());
                if (startA.isBefore(endB) && startB.isBefore(endA)) {
                    pairs++;
                }
            }
        }
        return pairs;
    }

    /** How many runs of the lake say they are running (a killed one says so until a reader judges it abandoned). */
    static long running(Path lake) {
        try {
            return Files.isDirectory(lake.resolve("manifests"))
                    ? manifests(lake).stream().filter(m -> LoadRun.RUNNING.equals(m.path("status").asText())).count() : 0;
        } catch (Exception partlyWritten) {
            return 0;
        }
    }

    /** Whether the runner printed a complete run of the job whose run id says it began after that instant. */
    static boolean completeRunAfter(String out, String job, Instant after) {
        Matcher runs = Pattern.compile("job=" + job + " run=(\\d{8}T\\d{6}Z)-\\w+ status=complete").matcher(out);
        while (runs.find()) {
            Instant started = java.time.LocalDateTime.parse(runs.group(1), java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(java.time.ZoneOffset.UTC);
            if (!started.isBefore(after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1))) {
                return true;
            }
        }
        return false;
    }

    /** A second runner on the lake while one runs: its exit code and output. */
    static RunnerTest.Tw tw(Simulators apis, Path lake) throws Exception {
        Process process = process(apis, RUNNER_OPTIONS, lake, "run");
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new RunnerTest.Tw(process.exitValue(), out);
    }
}
