package com.ticketwarehouse;

import com.ticketwarehouse.cli.Tw;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one clear line on standard error and a non-zero exit, and loses nothing. */
class CliTest {
    @TempDir
    Path lake;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
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
        err.reset();
        assertThat(Tw.run("load", "--from", "2026-13-01", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: --from '2026-13-01' is not a date");
    }

    @Test
    void a_bad_query_is_one_line_and_a_good_one_is_csv() {
        assertThat(Tw.run("query", "SELEC 1", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: query failed: Parser Error").doesNotContain("\n\t").hasLineCount(1);
        assertThat(Tw.run("query", "SELECT 1 AS n, 'a,b' AS s, CAST(12.50 AS DECIMAL(12,2)) AS m", "--lake", lake.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("n,s,m\n1,\"a,b\",12.50\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void transform_before_any_load_names_the_model_and_what_to_do() {
        assertThat(Tw.run("transform", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: SQL model models/staging/").contains("does not exist").hasLineCount(1);
        assertThat(Tw.run("crawl", "--lake", lake.toString())).isEqualTo(1);
        assertThat(err()).contains("holds no archives yet: run './tw load' first");
    }

    @Test
    void invoke_takes_a_job_or_a_payload_and_refuses_anything_else_in_one_line() {
        assertThat(Tw.run("invoke")).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: give a JOB or --payload JSON (one of them)" + System.lineSeparator());
        err.reset();
        assertThat(Tw.run("invoke", "crawl", "--payload", "{}")).isEqualTo(1);
        assertThat(err()).isEqualTo("tw: error: give a JOB or --payload JSON (one of them)" + System.lineSeparator());
        err.reset();
        assertThat(Tw.run("invoke", "--payload", "[\"crawl\"]")).isEqualTo(1);
        assertThat(err()).startsWith("tw: error: --payload must be a JSON object");
    }
}
