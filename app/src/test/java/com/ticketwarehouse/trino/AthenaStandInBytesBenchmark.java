package com.ticketwarehouse.trino;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.aws.AthenaStandInIT;
import com.ticketwarehouse.aws.MotoServer;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Simulators;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark, not a test of the build: the bytes the Athena stand-in reports as DataScannedInBytes (Trino's
 * physical input bytes, over moto's S3) for each reporting question of {@link TrinoBytesScannedBenchmark}, asked of
 * the marts that {@code transform --target aws} made, through Athena's API. The same simulators (seed 42, no
 * faults, {@link TrinoBytesScannedBenchmark#SCALE}) are loaded with the aws target. Prints a Markdown table and
 * writes it to {@code target/athena-stand-in-bytes-scanned.md}. Run with
 * {@code ./mvnw -B -ntp verify -Pemulators,trino -Dit.test=AthenaStandInBytesBenchmark -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@Tag("emulators")
class AthenaStandInBytesBenchmark {
    static final String BUCKET = "tw-bytes", DATABASE = "ticket_warehouse_bench", WORKGROUP = "ticket-warehouse-bench";

    @TempDir
    static Path work;

    static MotoServer aws;
    static Simulators simulators;
    static Pipeline pipeline;
    @RegisterExtension
    static final Timings timings = new Timings("Athena stand-in bytes benchmark");

    @BeforeAll
    static void loadAndTransform() throws Exception {
        timings.start();
        aws = MotoServer.withAthena(work.resolve("emulators"));
        aws.s3().createBucket(r -> r.bucket(BUCKET));
        aws.athena().createWorkGroup(r -> r.name(WORKGROUP).configuration(c -> c.enforceWorkGroupConfiguration(true)
                .resultConfiguration(o -> o.outputLocation("s3://" + BUCKET + "/" + AthenaStandInIT.PREFIX + "/athena-results/"))));
        simulators = Simulators.start(TrinoBytesScannedBenchmark.SEED, TrinoBytesScannedBenchmark.SCALE, FaultPlan.none(),
                TrinoBytesScannedBenchmark.NOW, 0, 0);
        Map<String, String> settings = AthenaStandInIT.settings(simulators, BUCKET, WORKGROUP, work.resolve("spool"));
        settings.put("tw.aws.database", DATABASE);
        pipeline = Pipeline.start(settings);
        timings.lap("moto, Trino and the stand-in start");
        LoadRun load = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(load.status()).isEqualTo(LoadRun.COMPLETE);
        timings.lap("load " + TrinoBytesScannedBenchmark.SCALE + " into moto's S3");
        pipeline.call("transform", null, Map.of(), String.class);
        timings.lap("transform (every model as CTAS on the stand-in)");
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(pipeline, simulators, aws);
    }

    @Test
    void bytes_scanned_by_each_reporting_question_through_athenas_api() throws Exception {
        String event = query("SELECT event_id FROM events ORDER BY tickets_sold DESC, event_id LIMIT 1").get(1);
        AthenaClient athena = aws.athena();
        StringBuilder table = new StringBuilder(String.format("Bytes scanned on the Athena stand-in (Trino 476 over moto's S3), scale %s"
                + " (seed %d), one load of all sources and all time:%n%n| question | rows | DataScannedInBytes |%n|---|---:|---:|%n",
                TrinoBytesScannedBenchmark.SCALE, TrinoBytesScannedBenchmark.SEED));
        timings.start();
        for (TrinoBytesScannedBenchmark.Question question : TrinoBytesScannedBenchmark.questions(event,
                LocalDate.ofInstant(TrinoBytesScannedBenchmark.NOW, ZoneOffset.UTC).minusDays(30))) {
            List<String> rows = query(question.curated());
            QueryExecution execution = lastExecution(athena);
            assertThat(execution.query()).isEqualTo(question.curated());
            assertThat(rows.size()).as(question.name()).isGreaterThan(1);
            long bytes = execution.statistics().dataScannedInBytes();
            assertThat(bytes).as(question.name()).isPositive();
            table.append(String.format(Locale.ROOT, "| %s | %,d | %,d |%n", question.name(), rows.size() - 1, bytes));
        }
        timings.lap("questions");
        System.out.println(table);
        Path report = Path.of(System.getProperty("bytes.report", "target/athena-stand-in-bytes-scanned.md"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, table);
    }

    static List<String> query(String sql) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        pipeline.call("query", sql, Map.of("twOut", new PrintStream(csv, true, StandardCharsets.UTF_8)), Object.class);
        return csv.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The query just run: ListQueryExecutions gives the newest first. */
    static QueryExecution lastExecution(AthenaClient athena) {
        List<String> ids = new ArrayList<>(athena.listQueryExecutions(r -> r.workGroup(WORKGROUP).maxResults(1)).queryExecutionIds());
        return athena.getQueryExecution(r -> r.queryExecutionId(ids.get(0))).queryExecution();
    }
}
