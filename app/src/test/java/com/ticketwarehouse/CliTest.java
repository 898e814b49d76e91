package com.ticketwarehouse;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.cli.Tw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one clear line on standard error and a non-zero exit, and loses nothing. */
class CliTest {
    @TempDir
    Path lake;

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();

    String err() {
        return streams.err();
    }

    @Test
    void missing_credentials_stop_the_load_before_anything_is_written() throws Exception {
        // the environment of the tests sets no credentials, as on a fresh machine
        int exit = Tw.run("load", "--source", "stripe", "--lake", lake.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: STRIPE_API_KEY must be set: use a restricted read-only key from the Stripe dashboard "
                + "(or run './tw demo' to use the simulator)" + System.lineSeparator());
        try (var files = Files.list(lake)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void a_bad_option_value_is_one_line() {
        assertThat(Tw.run("load", "--time-range", "yesterday", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: unknown time range 'yesterday': use one of all, current, upcoming, recent" + System.lineSeparator());
        streams.err.reset();
        assertThat(Tw.run("load", "--from", "2026-13-01", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: --from '2026-13-01' is not a date");
    }

    @Test
    void purge_and_reset_answered_no_remove_nothing() throws Exception {
        Path kept = Files.writeString(lake.resolve("kept.txt"), "a file of the lake");
        InputStream stdin = System.in;
        try {
            for (String command : List.of("purge", "reset")) {
                System.setIn(new ByteArrayInputStream("no\n".getBytes(StandardCharsets.UTF_8)));
                streams.err.reset();
                assertThat(Tw.run(command, "--lake", lake.toString())).isEqualTo(1);
                assertThat(err()).endsWith("tw: " + command + " cancelled; nothing was removed" + System.lineSeparator());
            }
        } finally {
            System.setIn(stdin);
        }
        assertThat(kept).hasContent("a file of the lake");
    }

    @Test
    void a_bad_query_is_one_line_and_a_good_one_is_csv() throws Exception {
        assertThat(Tw.run("query", "SELECT 1", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: the lake at " + lake.toRealPath() + " has no tables yet: run './tw load', './tw crawl' and "
                + "'./tw transform' (or './tw demo')" + System.lineSeparator());
        assertThat(lake).isEmptyDirectory();
        streams.err.reset();
        DriverManager.getConnection("jdbc:duckdb:" + lake.resolve("warehouse.duckdb")).close();
        assertThat(Tw.run("query", "SELEC 1", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: query failed: Parser Error").doesNotContain("\n\t").hasLineCount(1);
        assertThat(Tw.run("query", "SELECT 1 AS n, 'a,b' AS s, CAST(12.50 AS DECIMAL(12,2)) AS m", "--lake", lake.toString())).isZero();
        assertThat(streams.out()).isEqualTo("n,s,m\n1,\"a,b\",12.50\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void query_refuses_every_statement_that_would_change_the_lake_and_the_lake_stays_byte_for_byte_the_same() throws Exception {
        Path archive = crawledLake(order("\"388.83\""));
        assertThat(Tw.run("transform", "--lake", lake.toString())).as(err()).isZero();
        Map<Path, String> before = snapshot(lake);
        String quotedArchive = "'" + archive.toString().replace("'", "''") + "'";
        List<String> changing = List.of("DROP TABLE orders", "DELETE FROM orders RETURNING *", "UPDATE orders SET total_paid = 0",
                "INSERT INTO orders SELECT * FROM orders", "CREATE TABLE copy AS SELECT * FROM orders", "CREATE VIEW v AS SELECT 1",
                "COPY (SELECT 'x' AS overwritten) TO " + quotedArchive + " (FORMAT json, COMPRESSION gzip)",
                "COPY orders TO " + quotedArchive, "EXPORT DATABASE " + quotedArchive, "ATTACH " + quotedArchive + " AS other",
                "  -- a comment first\n  drop table orders", "EXPLAIN ANALYZE DELETE FROM orders",
                "WITH x AS (SELECT 1) INSERT INTO orders SELECT * FROM orders", "INSTALL httpfs", "SET threads = 1",
                "PRAGMA enable_profiling", "CHECKPOINT", "SELECT 1; DROP TABLE orders", "SELECT 1; COPY orders TO " + quotedArchive);
        for (String statement : changing) {
            streams.err.reset();
            assertThat(Tw.run("query", statement, "--lake", lake.toString())).as(statement).isEqualTo(1);
            assertThat(err()).as(statement).hasLineCount(1).matches("tw: error: query (only reads: .* refused and the lake is unchanged "
                    + "\\(load, crawl, transform and purge are the commands that change it\\)|runs one statement, .*)\\R");
            assertThat(snapshot(lake)).as("after " + statement).isEqualTo(before);
        }
        streams.out.reset();
        for (String reading : List.of("SELECT count(*) AS orders, sum(total_paid) AS paid FROM orders", "DESCRIBE orders",
                "FROM raw_ticketsauce_orders SELECT count(*) AS archived", "EXPLAIN SELECT * FROM orders", "SHOW TABLES",
                "WITH o AS (SELECT * FROM orders) SELECT count(*) AS n FROM o")) {
            assertThat(Tw.run("query", reading, "--lake", lake.toString())).as(reading + ": " + err()).isZero();
        }
        assertThat(streams.out()).startsWith("orders,paid" + System.lineSeparator() + "1,388.83" + System.lineSeparator());
        assertThat(Tw.run("status", "--lake", lake.toString())).isZero();
        assertThat(snapshot(lake)).as("reading commands write nothing, so a lake that cannot be written is still read").isEqualTo(before);
    }

    @Test
    void transform_before_any_load_or_crawl_says_to_crawl() {
        assertThat(Tw.run("transform", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: transform has no raw tables to read yet (load_runs missing): run './tw crawl' after "
                + "'./tw load' first, then './tw transform'" + System.lineSeparator());
        assertThat(lake).as("and writes nothing").isEmptyDirectory();
        streams.err.reset();
        assertThat(Tw.run("crawl", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).contains("holds no archives yet: run './tw load' first");
    }
    /** Each was a stack trace or a line from deep inside Camel; now one line, before anything runs. */
    @Test
    void a_bad_setting_is_one_line_naming_the_setting_the_value_and_what_is_allowed() {
        Map<String, String> expected = Map.of(
                "TW_HTTP_RETRIES=lots", "setting tw.http.retries (TW_HTTP_RETRIES) is 'lots': use a whole number from 0 to 100",
                "TW_HTTP_TIMEOUT_MS=soon", "setting tw.http.timeout-ms (TW_HTTP_TIMEOUT_MS) is 'soon': use a whole number from 1 to 3600000",
                "TICKETSAUCE_CONCURRENCY=0", "setting ticketsauce.concurrency (TICKETSAUCE_CONCURRENCY) is '0': use a whole number from 1 to 64");
        expected.forEach((variable, line) -> {
            String[] assignment = variable.split("=");
            TwProcess status = TwProcess.run(Map.of(assignment[0], assignment[1]), List.of(), "status", "--lake", lake.toString());
            assertThat(status.exit()).as(variable).isEqualTo(1);
            assertThat(status.err()).as(variable).isEqualTo("tw: error: " + line + System.lineSeparator());
        });
    }

    /** status calls no API, so a bad API URL does not stop it; a load of that API refuses it before writing anything. */
    @Test
    void a_bad_api_url_stops_a_load_and_not_status() throws Exception {
        Map<String, String> environment = Map.of("TICKETSAUCE_BASE_URL", "not-a-url", "TICKETSAUCE_CLIENT_ID", "id",
                "TICKETSAUCE_CLIENT_SECRET", "secret");
        TwProcess status = TwProcess.run(environment, List.of(), "status", "--lake", lake.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.err()).isEmpty();
        assertThat(status.out()).contains("no tables yet");
        TwProcess load = TwProcess.run(environment, List.of(), "load", "--source", "ticketsauce", "--lake", lake.toString());
        assertThat(load.exit()).isEqualTo(1);
        assertThat(load.err()).isEqualTo("tw: error: setting ticketsauce.base-url (TICKETSAUCE_BASE_URL) is 'not-a-url': "
                + "use an http:// or https:// URL such as https://api.example.com/v2" + System.lineSeparator());
        try (var files = Files.list(lake)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void a_lake_that_is_a_file_says_so() throws Exception {
        Path file = Files.writeString(lake.resolve("warehouse"), "not a lake");
        for (String command : List.of("status", "load", "crawl")) {
            streams.err.reset();
            assertThat(Tw.run(command, "--lake", file.toString())).as(command).isEqualTo(1);
            assertThat(err()).as(command).isEqualTo("tw: error: the lake " + file + " is a file, not a folder: point --lake or TW_LAKE_DIR at a folder"
                    + System.lineSeparator());
        }
    }
    /** A manifest cut short (a run killed while writing it) is named and skipped; the other runs are listed. */
    @Test
    void status_names_an_unreadable_manifest_and_lists_the_other_runs() throws Exception {
        manifest("20261101T000000Z-1000", 5);
        Path cut = manifest("20261102T000000Z-2000", 7);
        Files.writeString(cut, Files.readString(cut).substring(0, 40));
        assertThat(Tw.run("status", "--lake", lake.toString())).isZero();
        assertThat(streams.out()).contains("20261101T000000Z-1000 complete")
                .contains("  " + cut + ": unreadable manifest, skipped (cut short)" + System.lineSeparator());
        assertThat(err()).isEmpty();
    }

    /** Ten runs unless asked for more, and the heading says how to see the rest; before and after a crawl. */
    @Test
    void status_lists_as_many_runs_as_asked() throws Exception {
        for (int day = 10; day < 22; day++) {
            manifest("202611" + day + "T000000Z-1000", day);
        }
        for (boolean crawled : new boolean[] {false, true}) {
            if (crawled) {
                assertThat(Tw.run("crawl", "--lake", lake.toString())).isZero();
            }
            assertThat(runsListed()).as("crawled " + crawled).hasSize(10).first().asString().startsWith("  20261121T000000Z-1000 complete");
            assertThat(streams.out()).contains("runs (newest first, 10 of 12; --runs N or --all for more):");
            assertThat(runsListed("--runs", "3")).hasSize(3);
            assertThat(runsListed("--all")).hasSize(12).last().asString().startsWith("  20261110T000000Z-1000 complete");
            assertThat(streams.out()).contains("runs (newest first):");
        }
        assertThat(Tw.run("status", "--runs", "0", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: --runs 0: use a number of runs from 1 up, or --all" + System.lineSeparator());
    }

    private List<String> runsListed(String... options) {
        streams.out.reset();
        List<String> args = new java.util.ArrayList<>(List.of("status", "--lake", lake.toString()));
        args.addAll(List.of(options));
        assertThat(Tw.run(args.toArray(String[]::new))).isZero();
        return streams.out().lines().filter(line -> line.matches("  2026\\d{4}T.*")).toList();
    }

    private Path manifest(String runId, long records) throws Exception {
        Path file = lake.resolve(Archive.manifestKey(runId));
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{\"run_id\":\"" + runId + "\",\"status\":\"complete\",\"sources\":\"all\",\"time_range\":\"all\","
                + "\"events_from\":\"null\",\"events_before\":\"null\",\"started_at\":\"2026-11-01T00:00:00Z\","
                + "\"finished_at\":\"2026-11-01T00:00:09Z\",\"duration_ms\":9000,\"requests\":3,\"records\":" + records
                + ",\"bytes\":100,\"error\":null,\"entities\":{},\"requests_by_api\":{}}");
    }

    @Test
    void invoke_takes_a_job_and_refuses_a_payload_that_is_not_a_json_object_in_one_line() {
        assertThat(Tw.run("invoke")).isEqualTo(2);
        assertThat(err()).isEqualTo("tw: error: Missing required parameter: 'JOB' (see ./tw help invoke)" + System.lineSeparator());
        streams.err.reset();
        assertThat(Tw.run("invoke", "crawl", "--payload", "[\"crawl\"]")).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: --payload must be a JSON object");
    }

    @Test
    void transform_after_a_load_without_a_crawl_says_to_crawl() throws Exception {
        archive(order("\"388.83\""));
        assertThat(Tw.run("transform", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: transform has no raw tables to read yet (").hasLineCount(1)
                .endsWith("missing): run './tw crawl' first, then './tw transform'" + System.lineSeparator());
    }

    /** A value no type fits no longer stops the transform (it did, naming the data): the record is quarantined. */
    @Test
    void transform_over_a_value_the_model_cannot_type_quarantines_the_record_and_goes_on() throws Exception {
        crawledLake(order("\"lots\""));
        assertThat(Tw.run("transform", "--lake", lake.toString())).as(err()).isZero();
        assertThat(streams.out()).contains("quarantine: 1 record could not be typed");
        streams.out.reset();
        assertThat(Tw.run("query", "SELECT count(*) FROM quarantine", "--lake", lake.toString())).isZero();
        assertThat(streams.out()).endsWith("1" + System.lineSeparator());
        streams.out.reset();
        assertThat(Tw.run("query", "SELECT count(*) FROM orders", "--lake", lake.toString())).isZero();
        assertThat(streams.out()).endsWith("0" + System.lineSeparator());
    }

    @Test
    void transform_over_archives_gone_from_the_lake_says_the_setup_is_wrong() throws Exception {
        Path archive = crawledLake(order("\"388.83\""));
        Files.delete(archive);
        assertThat(Tw.run("transform", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).hasLineCount(1).startsWith("tw: error: transform cannot run models/staging/").contains("No files found",
                "the setup is wrong, not the model");
    }

    /** An order of the reference shape with this JSON as its total_paid. */
    static String order(String totalPaid) throws Exception {
        String reference = new String(CliTest.class.getClassLoader().getResourceAsStream("schemas/ticketsauce/orders.json").readAllBytes(),
                StandardCharsets.UTF_8).strip();
        return reference.replace("\"total_paid\":\"388.83\"", "\"total_paid\":" + totalPaid);
    }

    /** A lake with one complete run that archived this order, as a load leaves it; returns the archive. */
    Path archive(String order) throws Exception {
        String run = "20261129T120000Z-1a2b";
        Path archive = lake.resolve("raw/ticketsauce/orders/load_date=2026-11-29/run_id=" + run + "/00001.json.gz");
        Files.createDirectories(archive.getParent());
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(archive))) {
            gzip.write((order + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path manifest = lake.resolve(Archive.manifestKey(run));
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{\"run_id\":\"" + run + "\",\"status\":\"complete\",\"sources\":\"all\",\"time_range\":\"all\","
                + "\"started_at\":\"2026-11-29T12:00:00Z\",\"finished_at\":\"2026-11-29T12:00:05Z\",\"records\":1}");
        return archive;
    }

    Path crawledLake(String order) throws Exception {
        Path archive = archive(order);
        assertThat(Tw.run("crawl", "--lake", lake.toString())).as(err()).isZero();
        return archive;
    }

    /** Every file of the lake with its bytes (hashed), so any write shows. */
    static Map<Path, String> snapshot(Path dir) throws Exception {
        Map<Path, String> files = new TreeMap<>();
        try (var all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return files;
    }
}
