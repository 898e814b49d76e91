package com.ticketwarehouse.emulators;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Stripe extractor against stripe-mock, Stripe's own mock server, which answers from the
 * OpenAPI spec and rejects parameters the spec does not allow: every request we send must be
 * accepted, and every answer archived and crawled.
 */
@Tag("emulators")
class StripeMockTest {
    @TempDir
    Path lake;

    @Test
    void every_request_is_one_the_spec_allows_and_every_answer_is_archived_and_crawled() {
        try (ExternalServer stripeMock = ExternalServer.start("stripe-mock", "go install github.com/stripe/stripe-mock@latest",
                Duration.ofSeconds(30), lake.resolve("stripe-mock.log"),
                ExternalServer.program("stripe-mock"), "-http-addr", "127.0.0.1:{port}");
             Pipeline pipeline = Pipeline.start(Map.of(
                     "stripe.base-url", stripeMock.url(),
                     "stripe.api-key", "sk_test_123",
                     "tw.lake.dir", lake.resolve("lake").toString(),
                     "tw.progress", "false",
                     "tw.http.retries", "0"))) {
            for (String range : List.of("all", "recent", "current")) {
                LoadRun run = pipeline.call("load", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, range), LoadRun.class);
                assertThat(run.status()).as(range + ": " + run.error()).isEqualTo(LoadRun.COMPLETE);
                assertThat(run.entities().keySet()).containsExactly("stripe/balance_transactions", "stripe/charges",
                        "stripe/disputes", "stripe/payouts", "stripe/refunds");
                // stripe-mock answers the same objects every time: the first load archives them, the next ones fetch them and find nothing new
                assertThat(run.fetched()).isPositive();
                assertThat(run.records()).isEqualTo(range.equals("all") ? run.fetched() : 0);
            }
            String crawl = pipeline.call("crawl", null, Map.of(), String.class);
            assertThat(crawl).contains("raw_stripe_charges: new table");
            DuckDbLake duckDb = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
            assertThat(duckDb.scalar("SELECT count(*) FROM raw_stripe_charges WHERE object = 'charge' AND id LIKE 'ch_%'").longValue())
                    .isEqualTo(duckDb.scalar("SELECT count(*) FROM raw_stripe_charges").longValue()).isPositive();
            assertThat(duckDb.scalar("SELECT count(*) FROM raw_stripe_balance_transactions WHERE object = 'balance_transaction'").longValue())
                    .isPositive();
        }
    }
}
