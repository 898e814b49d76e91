package com.ticketwarehouse;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The api-get and paged-extract routes under one kind of fault at a time. */
class RetryRoutesTest {
    @TempDir
    Path lake;

    LoadRun load(Simulators simulators, String source, Map<String, String> more) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(EndToEndTest.settings(simulators, lake));
        settings.putAll(more);
        try (Pipeline pipeline = Pipeline.start(settings)) {
            return pipeline.call("load", null, Map.of(Loads.SOURCE, source, Loads.TIME_RANGE, "all"), LoadRun.class);
        }
    }

    @Test
    void a_429_waits_what_retry_after_asks() {
        try (Simulators simulators = Simulators.start(3, Scale.named("3x10"), FaultPlan.none().tooManyRequestsEvery(4, 1))) {
            LoadRun run = load(simulators, "stripe", Map.of());
            assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(LoadRun.COMPLETE);
            long rateLimited = simulators.stripe().requestCount() / 4;
            assertThat(rateLimited).isPositive();
            assertThat(run.requests()).isEqualTo(simulators.stripe().requestCount());
            // the five Stripe lists are read side by side, so their waits overlap: at least one list waited this long
            assertThat(run.elapsed().toMillis()).isGreaterThanOrEqualTo(1000 * (rateLimited / 5));
        }
    }

    @Test
    void an_expired_token_is_renewed_and_a_cut_off_page_read_again() {
        try (Simulators simulators = Simulators.start(3, Scale.named("4x40"),
                FaultPlan.none().tokenExpiryEvery(5).malformedEvery(7))) {
            // one event at a time: with several, each revocation fails every request in flight at once
            LoadRun run = load(simulators, "ticketsauce", Map.of("ticketsauce.concurrency", "1"));
            assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(LoadRun.COMPLETE);
            assertThat(run.entities().get("ticketsauce/orders").records.get()).isEqualTo(simulators.groundTruth().orders());
            assertThat(run.requests()).isGreaterThan(simulators.minimumRequests() - simulators.stripe().requestCount());
        }
    }

    @Test
    void retries_stop_after_the_configured_number_and_the_run_says_why() {
        try (Simulators simulators = Simulators.start(3, Scale.named("3x10"), FaultPlan.none().serverErrorEvery(1))) {
            LoadRun run = load(simulators, "ticketsauce", Map.of("tw.http.retries", "3"));
            assertThat(run.status()).isEqualTo(LoadRun.FAILED);
            assertThat(run.error()).startsWith("ticketsauce answered HTTP 50").contains("/oauth/token");
            assertThat(simulators.ticketsauce().requestCount()).as("the first try and three retries").isEqualTo(4);
            assertThat(run.records()).isZero();
        }
    }
}
