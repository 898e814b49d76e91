package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String STRIPE = "Bearer " + Simulators.STRIPE_KEY;

    @Test
    void tooManyRequestsEveryNthWithRetryAfter() {
        FaultPlan plan = FaultPlan.none().tooManyRequestsEvery(3, 2);
        try (Simulators s = Simulators.start(1, Scale.SMALL, plan, NOW, 0, 0)) {
            String url = s.stripe().baseUrl() + "/v1/charges?limit=1";
            List<Integer> statuses = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                Http.Answer a = Http.get(url, STRIPE);
                statuses.add(a.status());
                if (a.status() == 429) {
                    assertThat(a.headers().firstValue("Retry-After")).contains("2");
                    assertThat(a.json().get("error").get("code").asText()).isEqualTo("rate_limit");
                }
            }
            assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
            assertThat(s.stripe().requestCount()).isEqualTo(6);
            // Ticketsauce counts its own requests: its 3rd request is throttled too
            String ts = s.ticketsauce().baseUrl();
            String tok = Http.token(s.ticketsauce());
            assertThat(Http.get(ts + "/events", Http.bearer(tok)).status()).isEqualTo(200);
            Http.Answer third = Http.get(ts + "/events", Http.bearer(tok));
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().get("error").asText()).isNotEqualTo("no_data");
            assertThat(third.headers().firstValue("Retry-After")).contains("2");
        }
    }

    @Test
    void serverErrorsAndSlowAnswers() {
        FaultPlan plan = FaultPlan.none().serverErrorEvery(2).slowEvery(5, 250);
        try (Simulators s = Simulators.start(1, Scale.SMALL, plan, NOW, 0, 0)) {
            String url = s.stripe().baseUrl() + "/v1/payouts?limit=2";
            List<Integer> statuses = new ArrayList<>();
            long slowest = 0;
            for (int i = 1; i <= 6; i++) {
                long t0 = System.nanoTime();
                Http.Answer a = Http.get(url, STRIPE);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i == 5) {
                    slowest = ms;
                }
                statuses.add(a.status());
                if (a.status() >= 500) {
                    assertThat(a.json().get("error").get("type").asText()).isEqualTo("api_error");
                }
            }
            assertThat(statuses.get(0)).isEqualTo(200);
            assertThat(statuses.get(1)).isIn(500, 502, 503);
            assertThat(statuses.get(3)).isIn(500, 502, 503);
            assertThat(statuses.get(5)).isIn(500, 502, 503);
            assertThat(statuses.get(4)).isEqualTo(200);
            assertThat(slowest).isGreaterThanOrEqualTo(250);

            plan.disableAll();
            for (int i = 0; i < 4; i++) {
                assertThat(Http.get(url, STRIPE).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void malformedBodiesAreTruncatedJson() {
        FaultPlan plan = FaultPlan.none().malformedEvery(2);
        try (Simulators s = Simulators.start(1, Scale.SMALL, plan, NOW, 0, 0)) {
            String url = s.stripe().baseUrl() + "/v1/charges?limit=20";
            Http.Answer good = Http.get(url, STRIPE);
            Http.Answer bad = Http.get(url, STRIPE);
            assertThat(good.status()).isEqualTo(200);
            assertThat(bad.status()).isEqualTo(200);
            assertThat(bad.bytes().length).isBetween(good.bytes().length / 2 - 1, good.bytes().length / 2 + 1);
            assertThatThrownBy(bad::json).isInstanceOf(UncheckedIOException.class);
            assertThat(Http.get(url, STRIPE).json()).isEqualTo(good.json());
        }
    }

    @Test
    void tokenExpiryRevokesTheTokenInUse() {
        FaultPlan plan = FaultPlan.none().tokenExpiryEvery(4);
        try (Simulators s = Simulators.start(1, Scale.SMALL, plan, NOW, 0, 0)) {
            String ts = s.ticketsauce().baseUrl();
            String t1 = Http.token(s.ticketsauce());                                            // 1
            assertThat(Http.get(ts + "/events", Http.bearer(t1)).status()).isEqualTo(200);       // 2
            assertThat(Http.get(ts + "/events", Http.bearer(t1)).status()).isEqualTo(200);       // 3
            Http.Answer revoked = Http.get(ts + "/events", Http.bearer(t1));                     // 4
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.json().get("error").asText()).isEqualTo("invalid_token");
            assertThat(Http.get(ts + "/events", Http.bearer(t1)).status()).isEqualTo(401);       // 5: stays revoked
            String t2 = Http.token(s.ticketsauce());                                            // 6
            assertThat(Http.get(ts + "/events", Http.bearer(t2)).status()).isEqualTo(200);       // 7
            // Stripe ignores token expiry
            for (int i = 0; i < 5; i++) {
                assertThat(Http.get(s.stripe().baseUrl() + "/v1/disputes", STRIPE).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aRetryingClientGetsTheSameDataUnderFaults() {
        FaultPlan plan = FaultPlan.none().tooManyRequestsEvery(5, 0).serverErrorEvery(7).malformedEvery(11)
                .tokenExpiryEvery(13).slowEvery(17, 20);
        try (Simulators clean = Simulators.start(3, Scale.SMALL, FaultPlan.none(), NOW, 0, 0);
                Simulators faulty = Simulators.start(3, Scale.SMALL, plan, NOW, 0, 0)) {
            assertThat(fetchAllOrders(faulty)).isEqualTo(fetchAllOrders(clean));
            assertThat(faulty.ticketsauce().requestCount()).isGreaterThan(clean.ticketsauce().requestCount());
        }
        assertThat(FaultPlan.typical().isOff()).isFalse();
        assertThat(FaultPlan.none().isOff()).isTrue();
    }

    /** A client that retries on 429/5xx/unparseable bodies and fetches a new token on 401. */
    private static List<JsonNode> fetchAllOrders(Simulators s) {
        String ts = s.ticketsauce().baseUrl();
        String[] token = {null};
        List<JsonNode> out = new ArrayList<>();
        JsonNode events = retrying(s, ts + "/events", token);
        for (JsonNode w : events) {
            String id = w.get("Event").get("id").asText();
            for (int page = 1; ; page++) {
                JsonNode p = retrying(s, ts + "/orders/" + id + "?per_page=10&page=" + page
                        + "&return_tickets=true&return_line_item_fees=true", token);
                if (!p.isArray()) {
                    break;
                }
                p.forEach(out::add);
                if (p.size() < 10) {
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode retrying(Simulators s, String url, String[] token) {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (token[0] == null) {
                Http.Answer t = Http.postForm(s.ticketsauce().baseUrl() + "/oauth/token",
                        "grant_type=client_credentials&client_id=sim-client&client_secret=sim-secret");
                if (t.status() != 200) {
                    continue;
                }
                token[0] = t.json().get("access_token").asText();
            }
            Http.Answer a = Http.get(url, Http.bearer(token[0]));
            if (a.status() == 401) {
                token[0] = null;
                continue;
            }
            if (a.status() != 200) {
                continue;
            }
            try {
                return a.json();
            } catch (UncheckedIOException e) {
                // truncated: retry
            }
        }
        throw new AssertionError("too many retries for " + url);
    }
}
