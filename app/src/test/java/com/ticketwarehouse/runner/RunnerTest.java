package com.ticketwarehouse.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.TwJvm;
import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scheduled runner for real: Quartz triggers every few seconds against the simulators and a
 * real lake; runs of a job never overlap (a trigger during a run is skipped), the health endpoint
 * tells a failed or overdue job, a second runner on the lake refuses to start, a stop lets the run
 * under way end at a safe point; and the command line: --once exits with the job's status, SIGTERM
 * stops the runner cleanly, jobs lists the last runs.
 */
class RunnerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Simulators simulators;

    @TempDir
    static Path lakes;

    @BeforeAll
    static void start() {
        simulators = Simulators.start(7, Scale.named("16x30"), FaultPlan.none(), Instant.now(), 0, 0);
    }

    @AfterAll
    static void stop() {
        simulators.close();
    }

    static Map<String, String> settings(Path lake, int healthPort) {
        Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(simulators, lake));
        settings.putAll(Runner.settings());
        settings.put("tw.jobs", "sync-current");
        settings.put("tw.jobs.disabled", "");
        settings.put("tw.job.sync-current.every", "3s");
        settings.put("tw.job.sync-current.input", "source=all, timeRange=all");
        settings.put("tw.runner.health-port", String.valueOf(healthPort));
        settings.put("tw.runner.lease-seconds", "5");
        return settings;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static JsonNode health(int port) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Runner.HEALTH_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static List<JsonNode> manifests(Path lake) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(lake.resolve("manifests"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("manifest.json")).toList()) {
                runs.add(JSON.readTree(file.toFile()));
            }
        }
        runs.sort(Comparator.comparing(r -> r.path("started_at").asText()));
        return runs;
    }

    @Test
    void the_runner_runs_each_job_alone_on_its_cadence_reports_health_refuses_a_second_and_stops_at_a_safe_point() throws Exception {
        Path lake = lakes.resolve("runner");
        int port = freePort();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console, lines), true, StandardCharsets.UTF_8));
        // slow answers make each run outlast the 3 s cadence, so triggers fire during runs
        simulators.faults().slowEvery(1, 400);
        try {
            Pipeline pipeline = Pipeline.start(settings(lake, port));
            Runner runner = Runner.start(pipeline);
            try {
                await("two complete runs and a skipped trigger", Duration.ofSeconds(150), () -> {
                    String out = lines.toString(StandardCharsets.UTF_8);
                    return count(out, "job=sync-current run=") >= 2 && out.contains("job=sync-current status=skipped");
                });
                String out = lines.toString(StandardCharsets.UTF_8);
                assertThat(out).containsPattern("job=sync-current run=\\d{8}T\\d{6}Z-\\w+ status=complete records=\\d+ requests=\\d+ duration=\\d+\\.\\ds")
                        .containsPattern("job=sync-current status=skipped reason=\"its run started at \\S+ is still going\"");
                List<JsonNode> runs = manifests(lake);
                for (int i = 1; i < runs.size(); i++) {
                    if (!runs.get(i - 1).path("finished_at").isNull()) {
                        assertThat(runs.get(i).path("started_at").asText()).as("runs of one job never overlap")
                                .isGreaterThanOrEqualTo(runs.get(i - 1).path("finished_at").asText());
                    }
                }
                // a run that outlasts two intervals is overdue: without the slow answers, runs are short enough
                simulators.faults().disableAll();
                await("health up after a complete run", Duration.ofSeconds(90), () -> up(port));

                // a second runner on the same lake
                try (Pipeline second = Pipeline.start(settings(lake, freePort()))) {
                    assertThatThrownBy(() -> Runner.start(second)).hasMessageContaining("another runner (pid ")
                            .hasMessageContaining("runs on this lake");
                }

                // the API fails: the job's last run failed, and health says so
                simulators.faults().serverErrorEvery(1);
                await("a failed run", Duration.ofSeconds(60), () -> lines.toString(StandardCharsets.UTF_8).contains("job=sync-current run=")
                        && lines.toString(StandardCharsets.UTF_8).contains("status=failed"));
                JsonNode down = check(health(port), "job-sync-current");
                assertThat(down.path("status").asText()).isEqualTo("DOWN");
                assertThat(down.path("message").asText()).contains("its last run failed");

                // the API hangs: the run goes on past two intervals, and the job is overdue
                simulators.faults().disableAll();
                simulators.faults().slowEvery(1, 2500);
                await("an overdue job", Duration.ofSeconds(60), () -> {
                    try {
                        return check(health(port), "job-sync-current").path("message").asText().contains("is overdue: its run has been going");
                    } catch (Exception e) {
                        return false;
                    }
                });
            } finally {
                assertThat(runner.stop(Duration.ofSeconds(60))).as("the run under way ended at a safe point").isTrue();
            }
            JsonNode last = manifests(lake).get(manifests(lake).size() - 1);
            assertThat(last.path("status").asText()).isEqualTo("failed");
            assertThat(last.path("error").asText()).contains("stopped before its end (the runner is stopping)");
            assertThat(lake.resolve("state/runner.lease")).as("the lake is free again").doesNotExist();
        } finally {
            System.setOut(console);
            simulators.faults().disableAll();
        }
    }

    /**
     * As a new user would: ./tw run with the jobs as configured, on an empty lake. The first sync
     * runs alone, the others after it; no reader meets a lake without finished objects, no
     * trigger's first fire is skipped, each run says its line once.
     */
    @Test
    void a_runner_on_an_empty_lake_completes_every_first_run_and_is_healthy_within_a_minute() throws Exception {
        Path lake = lakes.resolve("empty");
        Console runner = Console.of(process(lake, "run"));
        try {
            int port = runner.awaitStarted();
            // the jobs as configured, from the started line: [sync-current every 5m, ...]
            List<String> jobs = java.util.regex.Pattern.compile("([\\w-]+) every \\w+").matcher(runner.text().lines()
                    .filter(line -> line.contains("runner started")).findFirst().orElseThrow()).results().map(m -> m.group(1)).toList();
            assertThat(jobs).contains("sync-current", "sync-upcoming", "sync-recent", "compact");
            try {
                await("every first run complete and health UP", Duration.ofSeconds(60), () -> jobs.stream()
                        .allMatch(job -> java.util.regex.Pattern.compile("job=" + job + " run=\\S+ status=complete").matcher(runner.text()).find())
                        && allUp(port));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the runner printed:\n" + runner.text() + "\nhealth: " + health(port), e);
            }
            String out = runner.text();
            assertThat(out).doesNotContain("status=failed").doesNotContain("No files found").doesNotContain("outside StartTime");
            // every cadence is an hour or more but sync-current's 5 minutes: in this minute each job ran once, with one line
            for (String job : jobs) {
                assertThat(count(out, "job=" + job + " run=")).as("the lines of " + job + "'s runs").isEqualTo(1);
            }
            JsonNode health = health(port);
            for (JsonNode check : health.path("checks")) {
                assertThat(check.path("name").asText()).as("every route has a name of its own").doesNotMatch("route:route\\d+");
            }
        } finally {
            runner.terminate();
        }
    }

    /** The runner's health as a whole, every job and route: UP. */
    static boolean allUp(int port) {
        try {
            return health(port).path("status").asText().equals("UP");
        } catch (Exception e) {
            return false;
        }
    }

    private boolean up(int port) {
        try {
            return check(health(port), "job-sync-current").path("status").asText().equals("UP");
        } catch (Exception e) {
            return false;
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void the_command_line_runs_once_with_its_status_lists_jobs_and_stops_on_sigterm() throws Exception {
        Path lake = lakes.resolve("cli");
        Tw once = tw(lake, "run", "--once", "sync-upcoming");
        assertThat(once.exit).as(once.out).isZero();
        assertThat(once.out).containsPattern("job=sync-upcoming run=\\S+ status=complete records=\\d+");

        simulators.faults().serverErrorEvery(1);
        try {
            Tw failing = tw(lake, "run", "--once", "sync-upcoming");
            assertThat(failing.exit).as(failing.out).isEqualTo(1);
            assertThat(failing.out).contains("job=sync-upcoming").contains("status=failed");
        } finally {
            simulators.faults().disableAll();
        }
        Tw unknown = tw(lake, "run", "--once", "nope");
        assertThat(unknown.exit).isEqualTo(1);
        assertThat(unknown.out).contains("tw: error: unknown job 'nope': the jobs are [sync-current, sync-upcoming, sync-recent, compact, transform, report-settlement, report-daily-sales]");

        Tw jobs = tw(lake, "jobs");
        assertThat(jobs.exit).isZero();
        assertThat(jobs.out).containsPattern("sync-upcoming +1h +yes +direct:sync source=ticketsauce,timeRange=upcoming .*status=failed")
                .containsPattern("transform +15m +no .*never");

        // SIGTERM while the first runs are under way (slow answers keep sync-current's load going)
        simulators.faults().slowEvery(1, 500);
        try {
            Console runner = Console.of(process(lake, "run"));
            runner.awaitStarted();
            Thread.sleep(1500);
            String text = runner.terminate();
            assertThat(text).contains("runner stopping").contains("runner stopped").doesNotContain("did not end");
            // the runner's stop and the load's own SIGTERM hook ask the run the same thing; whichever comes first names it
            assertThat(text).containsPattern("job=sync-current run=\\S+ status=failed .*(stopped before its end \\(the runner is stopping\\)"
                    + "|interrupted \\(SIGTERM or Ctrl-C\\): stopped before its end)");
            assertThat(lake.resolve("state/runner.lease")).doesNotExist();
        } finally {
            simulators.faults().disableAll();
        }
    }

    record Tw(int exit, String out) {
    }

    /** A runner in a process of its own, and all it printed so far (standard output and error). */
    record Console(Process process, ByteArrayOutputStream out, Thread reader) {
        static Console of(Process process) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(out);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            return new Console(process, out, reader);
        }

        String text() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Waits for the started line; answers the health endpoint's port. */
        int awaitStarted() throws InterruptedException {
            await("the runner to start", Duration.ofSeconds(60), () -> text().contains("runner started") || !process.isAlive());
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("health at http://127\\.0\\.0\\.1:(\\d+)").matcher(text());
            assertThat(port.find()).as(text()).isTrue();
            return Integer.parseInt(port.group(1));
        }

        /** SIGTERM (Process.destroy would also close the output we read); answers all it printed. */
        String terminate() throws InterruptedException {
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join();
            return text();
        }

        /** kill -9: no hook runs, the lease and the run's manifest stay as they were. */
        String kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();
            return text();
        }
    }

    static Tw tw(Path lake, String... args) throws Exception {
        Process process = process(lake, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Tw(process.exitValue(), out);
    }

    /** ./tw as a process of its own, with the environment that points it at the simulators. */
    static Process process(Path lake, String... args) throws IOException {
        return process(simulators, List.of(), lake, args);
    }

    /** The same against those simulators, with settings given as JVM options (-Dtw.job.sync-current.every=10s). */
    static Process process(Simulators apis, List<String> settings, Path lake, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--lake", lake.toString()));
        String healthPort = String.valueOf(freePort());
        return TwJvm.start(settings, command, builder -> {
            builder.redirectErrorStream(true);
            builder.environment().putAll(SimulatedApis.environment(apis));
            builder.environment().put("TW_HEALTH_PORT", healthPort);
        });
    }

    /** Writes to the console and keeps a copy. */
    static final class Tee extends OutputStream {
        private final OutputStream a, b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
