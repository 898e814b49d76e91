package com.ticketwarehouse;

import com.ticketwarehouse.archive.Archive;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load that brings one bad value (text where a Stripe amount should be, an impossible date on an
 * order) does not hold the warehouse hostage: transform runs, the bad records go to the quarantine
 * table with their file, run and reason, every other table keeps the last good version, transform and
 * status say how many were quarantined, and the next good load of the same records clears them.
 */
public class QuarantineTest {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String BAD_AMOUNT = "12,50 USD", BAD_DATE = "2026-02-30 25:61:00";

    @TempDir
    Path lakeDir;

    @Test
    void a_bad_value_is_quarantined_and_a_later_good_version_wins() throws Exception {
        try (Simulators simulators = Simulators.start(3, Scale.named("6x20"), FaultPlan.none(), DataShape.varied(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(simulators, lakeDir))) {
            LoadRun good = EndToEndTest.load(pipeline);
            assertThat(good.status()).isEqualTo(LoadRun.COMPLETE);

            Map<String, String> bad = writeBadRun(lakeDir, good);
            String badRun = good.id() + "-bad", charge = bad.get("stripe/charges"), order = bad.get("ticketsauce/orders");

            pipeline.call("crawl", null, Map.of(), String.class);
            String transform = pipeline.call("transform", null, Map.of(), String.class);
            assertThat(transform).contains("quarantine: 2 records could not be typed and were left out");
            assertThat(pipeline.call("status", null, Map.of(), String.class)).contains("quarantine: 2 records could not be typed");
            DuckDbLake lake = EndToEndTest.lake(pipeline);
            assertThat(rows(lake, "SELECT entity, record_id, run_id, source_file, reason FROM quarantine ORDER BY entity")).containsExactly(
                    "stripe/charges," + charge + "," + badRun + ",raw/stripe/charges/load_date=" + good.loadDate() + "/run_id=" + badRun
                            + "/bad.json.gz,amount is not a whole number of cents: 12,50 USD",
                    "ticketsauce/orders," + order + "," + badRun + ",raw/ticketsauce/orders/load_date=" + good.loadDate() + "/run_id=" + badRun
                            + "/bad.json.gz,Order.paid_date_utc is not a date and time: 2026-02-30 25:61:00");
            // the last good versions stand in for them, so every total still holds
            EndToEndTest.assertEqualsGroundTruth(lake, simulators.groundTruth());

            Thread.sleep(1000); // the next run's id sorts after the bad one's
            // a load that had archived the bad versions would have kept their fingerprints, so the next one
            // would archive the good versions again as changed; written behind the load's back, they are not
            // in the fingerprints: forgotten, the next load archives everything again
            EndToEndTest.deleteTree(lakeDir.resolve("state/fingerprints"));
            assertThat(EndToEndTest.load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            pipeline.call("crawl", null, Map.of(), String.class);
            assertThat(pipeline.call("transform", null, Map.of(), String.class)).contains("quarantine: no records");
            assertThat(lake.scalar("SELECT count(*) FROM quarantine").longValue()).isZero();
            EndToEndTest.assertEqualsGroundTruth(lake, simulators.groundTruth());
        }
    }

    /**
     * Writes a complete run, named after the given one with "-bad", whose archives hold a version of
     * one charge with text for its amount and of one order with an impossible payment date, as a
     * load would have; returns the id of each bad record by entity.
     */
    public static Map<String, String> writeBadRun(Path lakeDir, LoadRun good) throws IOException {
        String badRun = good.id() + "-bad";
        Map<String, String> ids = new java.util.TreeMap<>();
        ids.put("stripe/charges", writeBadVersion(lakeDir, good, badRun, "stripe/charges", record -> record.put("amount", BAD_AMOUNT)));
        ids.put("ticketsauce/orders", writeBadVersion(lakeDir, good, badRun, "ticketsauce/orders",
                record -> ((ObjectNode) record.get("Order")).put("paid_date_utc", BAD_DATE)));
        ObjectNode manifest = (ObjectNode) JSON.readTree(good.manifestJson());
        manifest.put("run_id", badRun);
        Path manifestFile = lakeDir.resolve(Archive.manifestKey(badRun));
        Files.createDirectories(manifestFile.getParent());
        Files.write(manifestFile, JSON.writeValueAsBytes(manifest));
        return ids;
    }

    /** Copies the first record of the entity's first archive of the run into a new run's archive, made bad; returns its id. */
    private static String writeBadVersion(Path lakeDir, LoadRun run, String badRun, String entity, java.util.function.Consumer<ObjectNode> spoil)
            throws IOException {
        Path folder = lakeDir.resolve("raw/" + entity + "/load_date=" + run.loadDate() + "/run_id=" + run.id());
        Path archive;
        try (Stream<Path> files = Files.list(folder)) {
            archive = files.sorted().findFirst().orElseThrow();
        }
        ObjectNode record;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(archive)),
                StandardCharsets.UTF_8))) {
            record = (ObjectNode) JSON.readTree(lines.readLine());
        }
        spoil.accept(record);
        Path bad = lakeDir.resolve("raw/" + entity + "/load_date=" + run.loadDate() + "/run_id=" + badRun + "/bad.json.gz");
        Files.createDirectories(bad.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bad))) {
            out.write((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return record.has("Order") ? record.get("Order").get("id").asText() : record.get("id").asText();
    }

    private static List<String> rows(DuckDbLake lake, String sql) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        lake.query(sql, new PrintStream(csv, true, StandardCharsets.UTF_8));
        return csv.toString(StandardCharsets.UTF_8).lines().skip(1).map(line -> line.replace("\"", "")).toList();
    }
}
