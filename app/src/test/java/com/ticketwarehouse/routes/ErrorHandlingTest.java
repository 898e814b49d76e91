package com.ticketwarehouse.routes;

import com.ticketwarehouse.archive.LoadRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.ticketwarehouse.routes.ApiStub.Answer.ok;
import static com.ticketwarehouse.routes.ApiStub.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error handling of every API call (routes/error-handling.yaml with the api-get routes): the
 * calling route redelivers the whole call on a retryable failure, as long as Retry-After asks,
 * else backing off; a revoked Ticketsauce token is renewed; what stays broken fails the run.
 */
class ErrorHandlingTest extends RouteTestSupport {

    @Test
    void a_429_is_tried_again_after_the_time_its_retry_after_asks() {
        apis.script("/v1/charges", status(429, "{\"error\":{\"message\":\"Too many requests\"}}").with("Retry-After", "0.6"),
                ok(stripePage(false, "ch_1")));

        LoadRun run = load("stripe", Map.of());

        assertThat(run.status()).as(run.error()).isEqualTo(LoadRun.COMPLETE);
        List<ApiStub.Request> calls = apis.requests("/v1/charges");
        assertThat(calls).hasSize(2);
        // the backoff alone (tw.http.retry-delay-ms = 5) would try again at once
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(records(run, "stripe/charges")).isEqualTo(1);
    }

    @Test
    void server_errors_and_a_cut_off_body_are_tried_again_and_only_the_whole_page_is_kept() {
        apis.script("/v1/charges", status(503, "unavailable"), status(500, "{\"error\":{\"message\":\"boom\"}}"),
                ok("{\"object\":\"list\",\"data\":[{\"id\":\"ch_2\",\"object\":\"charge\""), ok(stripePage(false, "ch_2", "ch_1")));

        LoadRun run = load("stripe", Map.of());

        assertThat(run.status()).as(run.error()).isEqualTo(LoadRun.COMPLETE);
        assertThat(apis.requests("/v1/charges")).hasSize(4);
        assertThat(records(run, "stripe/charges")).isEqualTo(2);
    }

    @Test
    void a_server_error_that_lasts_fails_the_run_with_the_apis_answer_once_the_retries_are_spent() {
        apis.script("/v1/payouts", status(502, "{\"error\":{\"message\":\"bad gateway\"}}"));

        LoadRun run = load("stripe", Map.of());

        assertThat(run.status()).isEqualTo(LoadRun.FAILED);
        assertThat(run.error()).contains("stripe answered HTTP 502 for /v1/payouts: bad gateway");
        // the first call and tw.http.retries = 3 more
        assertThat(apis.requests("/v1/payouts")).hasSize(4);
    }

    @Test
    void a_revoked_token_is_renewed_and_the_call_made_again_with_the_new_one() {
        apis.script("/v2/oauth/token", ok("{\"access_token\":\"token-1\",\"expires_in\":3600}"), ok("{\"access_token\":\"token-2\",\"expires_in\":3600}"));
        apis.script("/v2/events", status(401, "{\"error\":\"invalid_token\"}"), ok("[{\"Event\":{\"id\":\"e1\"}}]"));

        LoadRun run = load("ticketsauce", Map.of());

        assertThat(run.status()).as(run.error()).isEqualTo(LoadRun.COMPLETE);
        assertThat(apis.requests("/v2/oauth/token")).hasSize(2);
        assertThat(apis.requests("/v2/events")).extracting(ApiStub.Request::authorization).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(apis.requests("/v2/orders/e1")).extracting(ApiStub.Request::authorization).containsOnly("Bearer token-2");
        assertThat(records(run, "ticketsauce/events")).isEqualTo(1);
    }
}
