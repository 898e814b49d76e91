package com.ticketwarehouse;

import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret in any output at any log level, nor in the lake: loads against the simulators with
 * known fake credentials, every logger at TRACE and Camel's tracing on, then everything they printed and every file
 * they wrote is searched for the secrets, any 8 characters in a row of them, and the tokens the
 * simulator issued.
 */
class SecretsTest {
    static final Simulators.Credentials FAKE = new Simulators.Credentials("tw-fake-client-id", "cs-Zq8vN3xKp7Lm2Rt9wY4",
            "sk_test_51FakeKeyJ6bH2sD9fG3Q7vZ");
    /** Every logger at TRACE, those that simplelogger.properties turns off and those that carry what goes over the wire included. */
    static final List<String> TRACE = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
            "-Dorg.slf4j.simpleLogger.log.org.apache.camel.processor.errorhandler=trace",
            "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.wire=trace",
            "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=trace");

    static Simulators simulators;

    @TempDir
    Path lake;

    @BeforeAll
    static void start() {
        simulators = Simulators.start(11, Scale.named("3x8"), FaultPlan.none().tokenExpiryEvery(9), DataShape.reference(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0, FAKE);
    }

    @AfterAll
    static void stop() {
        simulators.close();
    }

    static Map<String, String> environment(String stripeKey) {
        Map<String, String> environment = new LinkedHashMap<>(SimulatedApis.environment(simulators));
        environment.put("TICKETSAUCE_CLIENT_ID", FAKE.clientId());
        environment.put("TICKETSAUCE_CLIENT_SECRET", FAKE.clientSecret());
        environment.put("STRIPE_API_KEY", stripeKey);
        // Camel's tracing too: it prints every header and body of every exchange
        environment.put("CAMEL_MAIN_TRACING", "true");
        return environment;
    }

    @Test
    void a_load_at_trace_level_prints_and_stores_no_secret() throws IOException {
        TwProcess load = TwProcess.run(environment(FAKE.stripeKey()), TRACE, "load", "--lake", lake.toString());
        assertThat(load.exit()).as(load.err().lines().filter(l -> l.startsWith("tw:")).toList().toString()).isZero();
        TwProcess status = TwProcess.run(environment(FAKE.stripeKey()), TRACE, "status", "--lake", lake.toString());
        assertThat(status.exit()).isZero();

        assertThat(load.err()).as("trace logging was on, HTTP client and Camel's tracing included").contains(" TRACE ")
                .contains("MainClientExec").contains("/oauth/token").contains("Headers: {Authorization=Bearer xxxxxx");
        assertThat(simulators.ticketsauce().issuedTokens()).as("tokens were issued, and renewed").hasSizeGreaterThan(1);
        List<String> forbidden = new ArrayList<>(simulators.ticketsauce().issuedTokens());
        forbidden.addAll(pieces(FAKE.clientSecret()));
        forbidden.addAll(pieces(FAKE.stripeKey()));
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("load stdout", load.out());
        seen.put("load stderr", load.err());
        seen.put("status stdout", status.out());
        seen.put("status stderr", status.err());
        seen.putAll(files(lake));
        assertThat(seen.keySet()).as("the load archived files").anyMatch(name -> name.endsWith(".json.gz"));
        seen.forEach((where, text) -> assertThat(text).as(where).doesNotContain(forbidden));
    }

    /** Stripe's 401 names the key it refused, masked: sk_test_****...Q7vZ. No part of it is kept. */
    @Test
    void a_refused_key_is_in_no_manifest_and_no_output() throws IOException {
        String wrongKey = "sk_test_51WrongKeyM4nB8cX2Q7vZ";
        TwProcess load = TwProcess.run(environment(wrongKey), TRACE, "load", "--source", "stripe", "--lake", lake.toString());
        assertThat(load.exit()).isEqualTo(1);
        assertThat(load.err()).contains("tw: error: load ").contains("HTTP 401").contains("Invalid API Key provided: (a key, withheld)");
        Map<String, String> written = files(lake);
        assertThat(written.keySet()).anyMatch(name -> name.endsWith("manifest.json"));
        assertThat(written.values()).anyMatch(text -> text.contains("\"status\":\"failed\"") && text.contains("(a key, withheld)"));
        List<String> forbidden = new ArrayList<>(pieces(wrongKey));
        forbidden.addAll(List.of("sk_test_", "Q7vZ", "****"));
        written.forEach((file, text) -> assertThat(text).as(file).doesNotContain(forbidden));
        assertThat(load.out()).doesNotContain(forbidden);
        assertThat(load.err()).doesNotContain(pieces(wrongKey)).doesNotContain("sk_test_*", "Q7vZ");
    }

    /** Every run of 8 characters of a secret. */
    static List<String> pieces(String secret) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i + 8 <= secret.length(); i++) {
            pieces.add(secret.substring(i, i + 8));
        }
        return pieces;
    }

    /** Every file under the folder as text, gzip archives unpacked. */
    static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (file.toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        bytes = in.readAllBytes();
                    }
                }
                files.put(folder.relativize(file).toString(), new String(bytes, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
