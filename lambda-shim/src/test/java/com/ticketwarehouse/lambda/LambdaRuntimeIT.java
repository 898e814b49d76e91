package com.ticketwarehouse.lambda;

import com.ticketwarehouse.archive.Archive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.aws.MotoServer;
import com.ticketwarehouse.emulators.ExternalServer;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.GroundTruth;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package that ships, run for real: target/ticket-warehouse-lambda.jar, extracted as Lambda does, under the AWS Lambda
 * Runtime Interface Emulator with the Java runtime interface client, invoked over HTTP with
 * EventBridge scheduled events and direct payloads, loading from the simulators into moto's S3 and
 * Glue with the API secrets from moto's Secrets Manager; then what it archived is read back from
 * S3 and Glue and checked against the simulators' ground truth. Also: a load stopped at the
 * invocation's deadline, failing invocations, and {@code ./tw invoke} against the same endpoint.
 */
@Tag("emulators")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimeIT {
    static final String BUCKET = "tw-lambda", PREFIX = "lake", ENV = "test", DATABASE = "ticket_warehouse_test";
    static final String INSTALL = "the Lambda runtime emulator is needed: go install "
            + "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@v0.0.0-20261030222936-bef5c4ba774d";
    static final String RULE = "arn:aws:events:us-east-1:123456789012:rule/ticket-warehouse-" + ENV + "-";
    // Lambda's longest timeout, and the margin before it at which a load stops taking pages
    static final int TIMEOUT_SECONDS = 900, MARGIN_SECONDS = 60;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static MotoServer moto;
    static Simulators simulators;
    static Function function;
    static Path task;
    static S3Client s3;
    static GlueClient glue;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        moto = MotoServer.start();
        s3 = moto.s3();
        glue = moto.glue();
        moto.transition("glue::crawl", "{\"progression\": \"immediate\"}");
        s3.createBucket(r -> r.bucket(BUCKET));
        try (var secrets = moto.secretsManager()) {
            secrets.createSecret(r -> r.name("ticket-warehouse/" + ENV + "/ticketsauce").secretString(
                    "{\"client_id\":\"" + Simulators.CLIENT_ID + "\",\"client_secret\":\"" + Simulators.CLIENT_SECRET + "\"}"));
            secrets.createSecret(r -> r.name("ticket-warehouse/" + ENV + "/stripe").secretString("{\"api_key\":\"" + Simulators.STRIPE_KEY + "\"}"));
        }
        glue.createDatabase(r -> r.databaseInput(d -> d.name(DATABASE)));
        simulators = Simulators.start(11, Scale.named("6x20"), FaultPlan.none(), Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);

        function = Function.start(TIMEOUT_SECONDS, MARGIN_SECONDS);
    }

    /** The package under the emulator: one function container, with the environment it has on AWS. */
    record Function(ExternalServer emulator, Path log) implements AutoCloseable {
        static Function start(int timeoutSeconds, int marginSeconds) throws IOException {
            return start(timeoutSeconds, marginSeconds, Map.of());
        }

        /** @param changes variables over the function's usual environment (a null value removes one) */
        static Function start(int timeoutSeconds, int marginSeconds, Map<String, String> changes) throws IOException {
            return start(timeoutSeconds, marginSeconds, changes, 512);
        }

        /** @param heapMb the JVM's largest heap, as Lambda sizes it from the function's memory */
        static Function start(int timeoutSeconds, int marginSeconds, Map<String, String> changes, int heapMb) throws IOException {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("AWS_ENDPOINT_URL", moto.endpoint());
            environment.put("AWS_REGION", MotoServer.REGION);
            environment.put("AWS_ACCESS_KEY_ID", "testing");
            environment.put("AWS_SECRET_ACCESS_KEY", "testing");
            environment.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(timeoutSeconds));
            environment.put("BUCKET_NAME", BUCKET);
            environment.put("ENV", ENV);
            environment.put("TW_S3_PATH_STYLE", "true");
            environment.put("TW_CRAWLER_ROLE", "arn:aws:iam::123456789012:role/tw-crawler");
            environment.put("TW_LAMBDA_DEADLINE_MARGIN_SECONDS", Integer.toString(marginSeconds));
            environment.put("TICKETSAUCE_BASE_URL", simulators.ticketsauce().baseUrl());
            environment.put("STRIPE_BASE_URL", simulators.stripe().baseUrl());
            environment.put("TICKETSAUCE_REQUESTS_PER_SECOND", "0");
            environment.put("STRIPE_REQUESTS_PER_SECOND", "0");
            environment.put("TW_HTTP_RETRIES", "2");
            environment.put("TW_HTTP_RETRY_DELAY_MS", "5");
            // the API credentials must come from Secrets Manager, as on AWS
            for (String variable : List.of("TICKETSAUCE_CLIENT_ID", "TICKETSAUCE_CLIENT_SECRET", "STRIPE_API_KEY", "TW_TARGET", "TW_LAKE_DIR")) {
                environment.put(variable, null);
            }
            environment.putAll(changes);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = Files.createTempFile("lambda-rie-", ".log");
            ExternalServer emulator = ExternalServer.start("aws-lambda-rie", INSTALL, Duration.ofSeconds(30), log, environment,
                    ExternalServer.program("aws-lambda-rie"), "--runtime-interface-emulator-address", "127.0.0.1:{port}",
                    // its Runtime API (the runtime client's side) on a free port too, not 9001, so that two can run
                    "--runtime-api-address", "127.0.0.1:" + ExternalServer.freePort(),
                    // the JVM options of Lambda's Java 17 runtime
                    java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + heapMb + "m",
                    "-cp", task() + ":" + System.getProperty("lambda.runtime.classpath"),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "com.ticketwarehouse.lambda.Handler::handleRequest");
            return new Function(emulator, log);
        }

        String url() {
            return emulator.url();
        }

        /**
         * The package as Lambda deploys it: the jar extracted into the task folder (/var/task on
         * Lambda), which is the class path. Run as a jar, Camel's scan of routes/*.yaml would read
         * the whole 36 MB archive, twice: seconds that Lambda never spends.
         */
        static synchronized Path task() throws IOException {
            if (task == null) {
                Path folder = Files.createTempDirectory(Path.of(System.getProperty("lambda.jar")).getParent(), "lambda-task-");
                try (ZipFile jar = new ZipFile(System.getProperty("lambda.jar"))) {
                    for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                        Path target = folder.resolve(entry.getName()).normalize();
                        if (!target.startsWith(folder)) {
                            throw new IOException("entry outside the package: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            try (InputStream in = jar.getInputStream(entry)) {
                                Files.copy(in, target);
                            }
                        }
                    }
                }
                task = folder;
            }
            return task;
        }

        /** POST to the Lambda Invoke API path of the emulator, as EventBridge and the SDK do. */
        Answer invoke(String payload) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/2015-03-31/functions/function/invocations"))
                    .timeout(Duration.ofSeconds(TIMEOUT_SECONDS + 30)).POST(HttpRequest.BodyPublishers.ofString(payload)).build();
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new Answer(response.statusCode(), JSON.readTree(response.body()), millis);
        }

        /**
         * The container's peak resident memory so far, in MB: the JVM's VmHWM (the emulator itself is not the
         * function), what Lambda's "Max Memory Used" counts.
         */
        long peakResidentMb() throws IOException {
            // this emulator's (it listens on the port of its url), and the JVM it started
            String address = "127.0.0.1:" + URI.create(url()).getPort();
            ProcessHandle jvm = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(address + " "))
                    .flatMap(ProcessHandle::descendants).filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no JVM of the function is running"));
            String peak = Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).findFirst().orElseThrow();
            return Long.parseLong(peak.replaceAll("\\D", "")) / 1024;
        }

        @Override
        public void close() {
            emulator.close();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println("lambda timings (ms): " + timings);
        Closing.all(function, simulators, moto);
        if (task != null) {
            try (var files = Files.walk(task)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot remove " + task + ": " + e.getMessage());
            }
        }
    }

    /** An EventBridge scheduled event as EventBridge sends it to a target that has no Input of its own. */
    static String scheduledEvent(String rule) {
        return """
                {"version": "0", "id": "%s", "detail-type": "Scheduled Event", "source": "aws.events", "account": "123456789012",
                 "time": "%s", "region": "us-east-1", "resources": ["%s"], "detail": {}}"""
                .formatted(java.util.UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), rule);
    }

    record Answer(int status, JsonNode body, long millis) {
        boolean failed() {
            return body.has("errorMessage");
        }
    }

    static Answer invoke(String payload) throws Exception {
        return function.invoke(payload);
    }

    @Test
    @Order(1)
    void a_scheduled_event_runs_the_job_its_rule_names_and_archives_it_to_s3_with_its_partitions() throws Exception {
        Answer cold = invoke(scheduledEvent(RULE + "sync-current"));
        assertThat(cold.failed()).as(cold.body().toString()).isFalse();
        JsonNode run = cold.body();
        assertThat(run.path("job").asText()).isEqualTo("sync-current");
        assertThat(run.path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        assertThat(run.path("time_range").asText()).isEqualTo("current");
        assertThat(run.path("requests").asLong()).isPositive();
        timings.put("cold invocation (JVM, Camel start, sync-current)", cold.millis());
        timings.put("cold: sync-current's route", run.path("route_ms").asLong());
        timings.put("cold: beyond the route", cold.millis() - run.path("route_ms").asLong());
        assertThat(manifest(run.path("run_id").asText()).path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        Map<String, Long> archived = new TreeMap<>();
        records(run.path("run_id").asText()::equals).forEach((entity, records) -> archived.put(entity, (long) records.size()));
        Map<String, Long> reported = new TreeMap<>();
        run.path("entities").fields().forEachRemaining(e -> {
            if (e.getValue().path("records").asLong() > 0) {
                reported.put(e.getKey(), e.getValue().path("records").asLong());
            }
        });
        assertThat(archived).as("what S3 holds is what the run reported").isEqualTo(reported);
        assertPartitions(run, archived.keySet());
    }

    @Test
    @Order(2)
    void a_load_that_would_outlast_the_invocation_stops_taking_pages_before_its_deadline_and_is_not_complete() throws Exception {
        // a function with 8 s of pages per invocation, warmed up first (the emulator counts init in the first invocation)
        Answer answer;
        try (Function shortLived = Function.start(68, 60)) {
            assertThat(shortLived.invoke("{}").failed()).isTrue();
            simulators.faults().slowEvery(1, 2500);
            answer = shortLived.invoke("{\"command\": \"load\", \"source\": \"all\", \"timeRange\": \"all\"}");
        } finally {
            simulators.faults().disableAll();
        }
        assertThat(answer.failed()).as("running out of time is not a failure: " + answer.body()).isFalse();
        JsonNode run = answer.body();
        assertThat(run.path("status").asText()).isEqualTo(LoadRun.STOPPED);
        assertThat(run.path("error").asText()).contains("stopped taking pages at its deadline");
        assertThat(run.path("records").asLong()).as("part of the data was archived").isPositive();
        assertThat(answer.millis()).as("it answered well before the function's timeout")
                .isLessThan(TimeUnit.SECONDS.toMillis(68 - 20));
        assertThat(manifest(run.path("run_id").asText()).path("status").asText()).as("never complete").isEqualTo(LoadRun.STOPPED);
    }

    @Test
    @Order(3)
    void a_warm_invocation_loads_everything_and_the_archives_equal_the_ground_truth_to_the_cent() throws Exception {
        Answer warm = invoke("{\"command\": \"load\", \"source\": \"all\", \"timeRange\": \"all\"}");
        assertThat(warm.failed()).as(warm.body().toString()).isFalse();
        JsonNode run = warm.body();
        assertThat(run.path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        timings.put("warm invocation (full load)", warm.millis());
        timings.put("warm: the load's route", run.path("route_ms").asLong());
        timings.put("warm: beyond the route", warm.millis() - run.path("route_ms").asLong());

        GroundTruth truth = simulators.groundTruth();
        // a record an earlier complete run archived is not archived again: the lake's complete runs hold each one once
        Map<String, List<JsonNode>> records = records(completeRuns()::contains);
        assertThat(records.get("ticketsauce/events")).hasSize((int) truth.events());
        List<JsonNode> orders = records.get("ticketsauce/orders");
        assertThat(orders).hasSize((int) truth.orders());
        Set<String> orderIds = new HashSet<>();
        orders.forEach(o -> orderIds.add(o.path("Order").path("id").asText()));
        assertThat(orderIds).as("each order once").hasSize(orders.size());
        assertThat(sum(orders, o -> List.of(o.path("Order").path("total_paid")))).isEqualByComparingTo(truth.totalPaid());
        List<JsonNode> tickets = new ArrayList<>();
        orders.forEach(o -> o.path("Ticket").forEach(tickets::add));
        assertThat(tickets).hasSize((int) truth.tickets());
        assertThat(sum(tickets, t -> List.of(t.path("price")))).isEqualByComparingTo(truth.faceValue());
        assertThat(records.getOrDefault("ticketsauce/checkins", List.of())).hasSize((int) truth.checkins());

        List<JsonNode> charges = records.get("stripe/charges");
        assertThat(charges).hasSize((int) truth.charges());
        assertThat(cents(charges.stream().filter(c -> c.path("status").asText().equals("succeeded")).toList(), "amount"))
                .isEqualByComparingTo(truth.chargedAmount());
        assertThat(records.getOrDefault("stripe/refunds", List.of())).hasSize((int) truth.refunds());
        assertThat(cents(records.getOrDefault("stripe/refunds", List.of()), "amount")).isEqualByComparingTo(truth.refundedAmount());
        assertThat(records.getOrDefault("stripe/disputes", List.of())).hasSize((int) truth.disputes());
        assertThat(cents(records.getOrDefault("stripe/disputes", List.of()), "amount")).isEqualByComparingTo(truth.disputedAmount());
        assertThat(records.get("stripe/balance_transactions")).hasSize((int) truth.balanceTransactions());
        assertThat(cents(records.get("stripe/balance_transactions"), "fee")).isEqualByComparingTo(truth.stripeFees());
        assertThat(records.getOrDefault("stripe/payouts", List.of())).hasSize((int) truth.payouts());
        assertThat(cents(records.getOrDefault("stripe/payouts", List.of()), "amount")).isEqualByComparingTo(truth.payoutAmount());
        assertPartitions(run, records(run.path("run_id").asText()::equals).keySet());
    }

    @Test
    @Order(4)
    void a_command_that_is_not_a_load_runs_its_route() throws Exception {
        // no crawl is scheduled any more: a person sends it as a command
        Answer crawl = invoke("{\"command\": \"crawl\"}");
        assertThat(crawl.failed()).as(crawl.body().toString()).isFalse();
        assertThat(crawl.body().path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        assertThat(crawl.body().path("report").asText()).contains("raw_ticketsauce_orders").doesNotContain("load_runs");
        List<String> crawlers = new ArrayList<>();
        moto.data().path("glue").path("FakeCrawler").forEach(c -> crawlers.add(c.path("name").asText()));
        assertThat(crawlers).contains("ticket-warehouse-" + ENV + "-raw-ticketsauce-orders").doesNotContain("ticket-warehouse-" + ENV + "-load-runs");
    }

    @Test
    @Order(5)
    void a_failed_run_fails_the_invocation_with_its_cause_in_one_line() throws Exception {
        simulators.faults().serverErrorEvery(1);
        Answer failed;
        try {
            failed = invoke("{\"command\": \"load\", \"source\": \"stripe\", \"timeRange\": \"all\"}");
        } finally {
            simulators.faults().disableAll();
        }
        assertThat(failed.failed()).as(failed.body().toString()).isTrue();
        String message = failed.body().path("errorMessage").asText();
        assertThat(message).startsWith("load: load ").contains(" failed: ", "HTTP 5").doesNotContain("\n");
        assertThat(failed.body().path("errorType").asText()).isEqualTo(JobFailed.class.getName());
        String runId = message.substring("load: load ".length(), message.indexOf(" failed"));
        assertThat(manifest(runId).path("status").asText()).isEqualTo(LoadRun.FAILED);

        Answer unknown = invoke(scheduledEvent(RULE + "nightly"));
        assertThat(unknown.body().path("errorMessage").asText()).contains("names no job");

        Answer again = invoke(scheduledEvent(RULE + "sync-current"));
        assertThat(again.body().path("status").asText()).as("the function is still up: " + again.body()).isEqualTo(LoadRun.COMPLETE);
    }

    @Test
    @Order(6)
    void a_function_that_cannot_start_fails_each_invocation_naming_why() throws Exception {
        Map<String, String> noBucket = new HashMap<>();
        noBucket.put("BUCKET_NAME", null);
        try (Function misconfigured = Function.start(60, 30, noBucket)) {
            Answer answer = misconfigured.invoke(scheduledEvent(RULE + "sync-current"));
            assertThat(answer.failed()).isTrue();
            assertThat(answer.body().path("errorMessage").asText()).startsWith("the function cannot start: ").contains("BUCKET_NAME");
        }
    }

    @Test
    @Order(7)
    void tw_invoke_runs_a_job_on_the_function_and_prints_its_result() throws Exception {
        Process ok = tw("invoke", "sync-current");
        String out = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(ok.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ok.waitFor()).as(out + err).isZero();
        JsonNode result = JSON.readTree(out);
        assertThat(result.path("job").asText()).isEqualTo("sync-current");
        assertThat(result.path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        assertThat(manifest(result.path("run_id").asText()).path("status").asText()).isEqualTo(LoadRun.COMPLETE);

        Process payload = tw("invoke", "transform", "--payload", "{\"command\": \"transform\", \"extra\": true}");
        String failure = new String(payload.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(payload.waitFor()).isEqualTo(1);
        assertThat(failure.strip()).isEqualTo("tw: error: function function failed: unexpected field 'extra' beside [command]");

        Process bad = tw("invoke", "transform", "--payload", "{not json");
        assertThat(bad.waitFor()).isEqualTo(1);
        assertThat(new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("tw: error: --payload is not JSON");
    }

    /**
     * The fixed cost of a container: a fresh one (init: JVM and Camel start, the AWS clients, the API
     * secrets) answers a load with nothing to fetch, then a second one warm. The emulator runs init
     * on the first invocation and reports both in its log. {@code -Dlambda.cold-starts=N} starts N
     * containers one after another, for the medians in BENCHMARKS.md ("Fixed cost and start-up");
     * {@code -Dlambda.java-tool-options=...} gives them JVM options as Lambda's JAVA_TOOL_OPTIONS does.
     */
    @Test
    @Order(8)
    void a_fresh_container_answers_a_load_with_nothing_to_fetch_with_the_fewest_requests() throws Exception {
        String empty = "{\"command\": \"load\", \"from\": \"2099-01-01\", \"to\": \"2099-01-02\"}";
        Map<String, List<Long>> measured = new LinkedHashMap<>();
        for (int container = 0; container < Integer.getInteger("lambda.cold-starts", 1); container++) {
            Map<String, String> options = new HashMap<>();
            options.put("JAVA_TOOL_OPTIONS", System.getProperty("lambda.java-tool-options"));
            try (Function fresh = Function.start(TIMEOUT_SECONDS, MARGIN_SECONDS, options)) {
                Answer cold = fresh.invoke(empty);
                Answer warm = fresh.invoke(empty);
                // one page of each Stripe list; the one page of events, after a token the first time only
                Map<Answer, String> requests = new LinkedHashMap<>();
                requests.put(cold, "{\"stripe\":5,\"ticketsauce\":2}");
                requests.put(warm, "{\"stripe\":5,\"ticketsauce\":1}");
                requests.forEach((answer, byApi) -> {
                    assertThat(answer.failed()).as(answer.body().toString()).isFalse();
                    assertThat(answer.body().path("status").asText()).isEqualTo(LoadRun.COMPLETE);
                    assertThat(answer.body().path("records").asLong()).isZero();
                    assertThat(answer.body().path("requests_by_api").toString()).isEqualTo(byApi);
                });
                List<String> log = Files.readAllLines(fresh.log());
                measured.computeIfAbsent("init (emulator's INIT REPORT)", k -> new ArrayList<>()).add(reported(log, "INIT REPORT(durationMs: ", 0));
                measured.computeIfAbsent("first invocation (its REPORT)", k -> new ArrayList<>()).add(reported(log, "\tDuration: ", 0));
                measured.computeIfAbsent("first invocation's route", k -> new ArrayList<>()).add(cold.body().path("route_ms").asLong());
                measured.computeIfAbsent("second invocation (its REPORT)", k -> new ArrayList<>()).add(reported(log, "\tDuration: ", 1));
                measured.computeIfAbsent("second invocation's route", k -> new ArrayList<>()).add(warm.body().path("route_ms").asLong());
            }
        }
        measured.forEach((what, millis) -> timings.put("empty load, " + what + (millis.size() > 1 ? ", median of " + millis.size() : ""),
                millis.stream().sorted().toList().get(millis.size() / 2)));
        System.out.println("lambda empty loads (ms), container by container: " + measured);
    }

    /**
     * What each job needs of its function's memory (infra/cdk.json, production: memoryMb, or the job's own in
     * jobMemoryMb): the job's scheduled run in a fresh container whose JVM has the heap Lambda's Java runtime gives
     * a function of that memory (85 %), and the container's peak resident memory at most three quarters of it.
     * At 6x20 on moto, after the loads above: the syncs and the compaction do their work; the transform sends every
     * statement of a refresh to moto, which runs none and answers no count (the run then fails at the quarantine's count:
     * the function only waits on Athena, its memory is its own, not the data's).
     */
    @Test
    @Order(9)
    void each_job_runs_in_the_memory_its_function_has_with_a_quarter_to_spare() throws Exception {
        JsonNode production = JSON.readTree(ROOT.resolve("infra/cdk.json").toFile()).path("context").path("environments").path("production");
        java.util.Properties settings = new java.util.Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("application.properties"))) {
            settings.load(in);
        }
        Map<String, String> measured = new LinkedHashMap<>();
        for (String job : settings.getProperty("tw.jobs").split("\\s*,\\s*")) {
            int memoryMb = production.path("jobMemoryMb").path(job).asInt(production.path("memoryMb").asInt());
            try (Function fresh = Function.start(TIMEOUT_SECONDS, MARGIN_SECONDS, Map.of(), memoryMb * 85 / 100)) {
                Answer answer = fresh.invoke(scheduledEvent(RULE + job));
                long peakMb = fresh.peakResidentMb();
                measured.put(job, peakMb + " of " + memoryMb + " MB, " + answer.millis() + " ms"
                        + (answer.failed() ? ", failed: " + answer.body().path("errorMessage").asText() : ""));
                assertThat(answer.body().toString()).as(job).doesNotContain("OutOfMemoryError");
                assertThat(peakMb).as(job + ": peak resident MB").isLessThanOrEqualTo(memoryMb * 3L / 4);
            }
        }
        System.out.println("lambda peak memory by job: " + measured);
    }

    /** The milliseconds after {@code marker} on the n-th line of the emulator's log that has it. */
    static long reported(List<String> log, String marker, int nth) {
        List<String> lines = log.stream().filter(line -> line.contains(marker)).toList();
        assertThat(lines).as("lines with '" + marker + "' in the emulator's log").hasSizeGreaterThan(nth);
        String after = lines.get(nth).substring(lines.get(nth).indexOf(marker) + marker.length());
        return Math.round(Double.parseDouble(after.replaceFirst("[^0-9.].*", "")));
    }

    /** ./tw of this checkout, pointed at the emulator as at a deployed function (AWS_ENDPOINT_URL_LAMBDA). */
    static Process tw(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("tw").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL_LAMBDA", function.url());
        env.put("AWS_ENDPOINT_URL", moto.endpoint());
        env.put("AWS_REGION", MotoServer.REGION);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("BUCKET_NAME", BUCKET);
        env.put("ENV", ENV);
        // the emulator's one function is called "function"
        env.put("TW_LAMBDA_FUNCTION", "function");
        return builder.start();
    }

    static JsonNode manifest(String runId) throws IOException {
        return JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(PREFIX + "/" + Archive.manifestKey(runId))).asByteArray());
    }

    /** The runs whose manifests say complete. */
    static Set<String> completeRuns() throws IOException {
        Set<String> complete = new HashSet<>();
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(PREFIX + "/manifests/")).contents().forEach(o -> keys.add(o.key()));
        for (String key : keys) {
            if (key.endsWith("/manifest.json")) {
                JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray());
                if (LoadRun.COMPLETE.equals(manifest.path("status").asText())) {
                    complete.add(manifest.path("run_id").asText());
                }
            }
        }
        return complete;
    }

    /** Every record the runs archived in S3, by source/entity. */
    static Map<String, List<JsonNode>> records(java.util.function.Predicate<String> runs) throws IOException {
        Map<String, List<JsonNode>> records = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(PREFIX + "/raw/")).contents().forEach(o -> keys.add(o.key()));
        for (String key : keys) {
            String runId = key.replaceFirst(".*/run_id=([^/]+)/.*", "$1");
            if (runId.equals(key) || !runs.test(runId)) {
                continue;
            }
            String[] parts = key.split("/");
            String entity = parts[2] + "/" + parts[3];
            byte[] gzip = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gzip)),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    records.computeIfAbsent(entity, e -> new ArrayList<>()).add(JSON.readTree(line));
                }
            }
        }
        return records;
    }

    /** Each entity the run archived has its load_date/run_id partition in Glue, and the run its load_runs one. */
    static void assertPartitions(JsonNode run, Set<String> entities) {
        String runId = run.path("run_id").asText();
        String loadDate = run.path("started_at").asText().substring(0, 10);
        for (String entity : entities) {
            String table = "raw_" + entity.replace('/', '_');
            List<Partition> partitions = glue.getPartitions(r -> r.databaseName(DATABASE).tableName(table)).partitions();
            assertThat(partitions).as(table).anySatisfy(p -> {
                assertThat(p.values()).containsExactly(loadDate, runId);
                assertThat(p.storageDescriptor().location()).isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/raw/" + entity
                        + "/load_date=" + loadDate + "/run_id=" + runId + "/");
            });
        }
        assertThat(glue.getPartitions(r -> r.databaseName(DATABASE).tableName("load_runs")).partitions())
                .anySatisfy(p -> assertThat(p.values()).containsExactly(runId));
    }

    static BigDecimal sum(List<JsonNode> nodes, java.util.function.Function<JsonNode, List<JsonNode>> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode node : nodes) {
            for (JsonNode value : values.apply(node)) {
                total = total.add(new BigDecimal(value.asText()));
            }
        }
        return total;
    }

    /** Stripe's integer cents, as dollars. */
    static BigDecimal cents(List<JsonNode> objects, String field) {
        return sum(objects, o -> List.of(o.path(field))).movePointLeft(2);
    }
}
