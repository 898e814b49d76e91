package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class TicketsauceSimulatorTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    @AutoClose
    static final Simulators sims = Simulators.start(7, Scale.named("40x30"), FaultPlan.none(), NOW, 0, 0);
    static final String base = sims.ticketsauce().baseUrl();
    static final String auth = Http.bearer(Http.token(sims.ticketsauce()));

    static JsonNode events() {
        return Http.get(base + "/events?privacy_type=all", auth).json();
    }

    @Test
    void baseUrlIsLoopbackV2() {
        assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+/v2");
    }

    @Test
    void tokenFlowAndUnauthorizedAnswers() {
        Http.Answer wrong = Http.postForm(base + "/oauth/token",
                "grant_type=client_credentials&client_id=sim-client&client_secret=nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrong.json().has("error_description")).isTrue();

        Http.Answer ok = Http.postForm(base + "/oauth/token",
                "grant_type=client_credentials&client_id=sim-client&client_secret=sim-secret");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().get("expires_in").asInt()).isEqualTo(600);
        String t1 = ok.json().get("access_token").asText();
        String t2 = Http.token(sims.ticketsauce());
        assertThat(t1).isNotEqualTo(t2);

        Http.Answer none = Http.get(base + "/events", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("invalid_token");
        Http.Answer bogus = Http.get(base + "/events", "Bearer not-a-token");
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(bogus.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(Http.get(base + "/events", Http.bearer(t1)).status()).isEqualTo(200);

        Http.Answer grant = Http.postForm(base + "/oauth/token", "client_id=sim-client&client_secret=sim-secret");
        assertThat(grant.status()).isEqualTo(400);
    }

    @Test
    void unknownPathsAre404() {
        Http.Answer a = Http.get(base + "/nothing/here", auth);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("not_found");
        Http.Answer b = Http.get(base.replace("/v2", "/v3/events"), auth);
        assertThat(b.status()).isEqualTo(404);
    }

    @Test
    void eventsHaveTheDocumentedShape() {
        JsonNode events = events();
        assertThat(events.isArray()).isTrue();
        assertThat(events.size()).isEqualTo(40);
        JsonNode e = events.get(0).get("Event");
        for (String f : List.of("id", "name", "start", "end", "organization_id", "organization_name", "location",
                "location_name", "city", "state", "timezone", "privacy_type")) {
            assertThat(e.has(f)).as(f).isTrue();
        }
        assertThat(e.get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        Http.Answer one = Http.get(base + "/event/" + e.get("id").asText(), auth);
        assertThat(one.json().get("Event")).isEqualTo(e);
        Set<String> venues = new HashSet<>();
        events.forEach(x -> venues.add(x.get("Event").get("organization_name").asText()));
        assertThat(venues.size()).isBetween(2, 8);
    }

    @Test
    void eventDateFiltersAreInclusiveAfterAndExclusiveBefore() {
        JsonNode all = events();
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        LocalDate from = today.minusDays(100);
        LocalDate to = today.plusDays(2);
        List<String> expected = new ArrayList<>();
        for (JsonNode w : all) {
            LocalDate d = LocalDate.parse(w.get("Event").get("start").asText().substring(0, 10));
            if (!d.isBefore(from) && d.isBefore(to)) {
                expected.add(w.get("Event").get("id").asText());
            }
        }
        JsonNode got = Http.get(base + "/events?start_after=" + from + "&start_before=" + to + "&privacy_type=all",
                auth).json();
        List<String> ids = new ArrayList<>();
        got.forEach(w -> ids.add(w.get("Event").get("id").asText()));
        assertThat(ids).isEqualTo(expected);

        // the "current" range (now-1 .. now+2 days) is never empty
        JsonNode current = Http.get(base + "/events?start_after=" + today.minusDays(1) + "&start_before="
                + today.plusDays(3) + "&privacy_type=all", auth).json();
        assertThat(current.isArray()).isTrue();
        assertThat(current.size()).isGreaterThan(0);

        JsonNode none = Http.get(base + "/events?start_after=2100-01-01", auth).json();
        assertThat(none.get("error").asText()).isEqualTo("no_data");
    }

    @Test
    void ordersPageEveryOrderExactlyOnce() {
        SimulatedAccount a = sims.account();
        int zeroEvents = 0;
        for (JsonNode w : events()) {
            String id = w.get("Event").get("id").asText();
            int expected = a.events[a.eventIndex(id)].orders;
            Set<String> seen = new HashSet<>();
            int perPage = 7;
            int page = 1;
            while (true) {
                JsonNode p = Http.get(base + "/orders/" + id + "?per_page=" + perPage + "&page=" + page
                        + "&return_tickets=true&return_line_item_fees=true", auth).json();
                if (p.isObject()) {
                    assertThat(p.get("error").asText()).isEqualTo("no_data");
                    assertThat(expected % perPage).as("no_data only after a full page").isZero();
                    break;
                }
                assertThat(p.size()).isBetween(1, perPage);
                for (JsonNode o : p) {
                    assertThat(o.get("Order").get("event_id").asText()).isEqualTo(id);
                    assertThat(seen.add(o.get("Order").get("id").asText())).isTrue();
                }
                if (p.size() < perPage) {
                    break;
                }
                page++;
            }
            assertThat(seen).hasSize(expected);
            if (expected == 0) {
                zeroEvents++;
            }
            JsonNode past = Http.get(base + "/orders/" + id + "?per_page=100&page=" + (expected / 100 + 2), auth).json();
            assertThat(past.get("error").asText()).isEqualTo("no_data");
        }
        assertThat(zeroEvents).isGreaterThan(0);
    }

    @Test
    void ticketsAndFeesOnlyWhenAskedAndMessyOrdersHaveDetails() {
        String id = busiestEvent();
        JsonNode bare = Http.get(base + "/orders/" + id + "?per_page=100&page=1", auth).json();
        for (JsonNode o : bare) {
            assertThat(o.has("Ticket")).isFalse();
            assertThat(o.has("LineItemFees")).isFalse();
        }
        JsonNode noFees = Http.get(base + "/orders/" + id + "?per_page=100&page=1&return_tickets=true", auth).json();
        for (JsonNode o : noFees) {
            assertThat(o.has("LineItemFees")).isFalse();
            if (o.has("Ticket")) {
                o.get("Ticket").forEach(t -> assertThat(t.has("LineItemFees")).isFalse());
            }
        }
        // across the account some listed orders lack "Ticket" even when asked; their details are complete
        int missing = 0;
        for (JsonNode w : events()) {
            String eid = w.get("Event").get("id").asText();
            String orders = base + "/orders/" + eid + "?return_tickets=true&return_line_item_fees=true";
            for (JsonNode o : Http.allPages(orders, auth, 100)) {
                assertThat(o.has("LineItemFees")).isTrue();
                if (!o.has("Ticket")) {
                    missing++;
                    JsonNode d = Http.get(base + "/order/" + o.get("Order").get("id").asText(), auth).json();
                    assertThat(d.get("Order")).isEqualTo(o.get("Order"));
                    assertThat(d.get("Ticket").size()).isBetween(1, 8);
                    assertThat(d.get("LineItemFees")).isEqualTo(o.get("LineItemFees"));
                }
            }
        }
        assertThat((long) missing).isEqualTo(sims.groundTruth().ordersWithoutTickets()).isPositive();
        assertThat(Http.get(base + "/order/00000000-0000-4000-8000-000000000000", auth).json().get("error").asText())
                .isEqualTo("no_data");
    }

    @Test
    void orderAndTicketShape() {
        JsonNode w = Http.get(base + "/orders/" + busiestEvent() + "?per_page=100&page=1&return_tickets=true"
                + "&return_line_item_fees=true", auth).json().get(0);
        JsonNode o = Http.get(base + "/order/" + w.get("Order").get("id").asText(), auth).json();
        JsonNode order = o.get("Order");
        for (String f : List.of("id", "event_id", "first_name", "last_name", "email", "total_paid", "subtotal",
                "paid_date_utc", "status", "opted_in", "opted_in_sms", "promo_code")) {
            assertThat(order.has(f)).as(f).isTrue();
        }
        assertThat(order.get("total_paid").asText()).matches("\\d+\\.\\d\\d");
        assertThat(order.get("paid_date_utc").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        JsonNode t = o.get("Ticket").get(0);
        for (String f : List.of("id", "order_id", "event_id", "ticket_type_id", "ticket_type_price_id",
                "ticket_type_name", "ticket_type_price", "price", "name", "redeemed", "promo_code", "TicketType",
                "LineItemFees")) {
            assertThat(t.has(f)).as(f).isTrue();
        }
        assertThat(t.get("TicketType").get("name").asText()).isEqualTo(t.get("ticket_type_name").asText());
        assertThat(t.get("redeemed").isBoolean()).isTrue();
    }

    @Test
    void checkinIdsPageAndMatchRedeemedTickets() {
        String id = busiestPastEvent();
        List<String> all = new ArrayList<>();
        JsonNode one = Http.get(base + "/tickets/checkin_ids/" + id + "?per_page=5000&page=1", auth).json();
        one.forEach(x -> all.add(x.asText()));
        assertThat(all).isNotEmpty().doesNotHaveDuplicates();
        List<String> paged = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode p = Http.get(base + "/tickets/checkin_ids/" + id + "?per_page=9&page=" + page, auth).json();
            if (!p.isArray()) {
                assertThat(p.get("error").asText()).isEqualTo("no_data");
                break;
            }
            p.forEach(x -> paged.add(x.asText()));
            if (p.size() < 9) {
                break;
            }
        }
        assertThat(paged).isEqualTo(all);
        Set<String> redeemed = new HashSet<>();
        Set<String> tickets = new HashSet<>();
        for (JsonNode o : Http.allPages(base + "/orders/" + id + "?return_tickets=true", auth, 100)) {
            JsonNode ts = o.has("Ticket") ? o.get("Ticket")
                    : Http.get(base + "/order/" + o.get("Order").get("id").asText(), auth).json().get("Ticket");
            for (JsonNode t : ts) {
                tickets.add(t.get("id").asText());
                if (t.get("redeemed").asBoolean()) {
                    redeemed.add(t.get("id").asText());
                }
            }
        }
        assertThat(new HashSet<>(all)).isEqualTo(redeemed);
        assertThat((double) redeemed.size() / tickets.size()).isBetween(0.6, 0.95);
    }

    @Test
    void futureEventsHaveNoCheckins() {
        SimulatedAccount a = sims.account();
        SimulatedAccount.SimEvent last = a.events[a.events.length - 1];
        assertThat(last.startEpoch).isGreaterThan(NOW.getEpochSecond());
        JsonNode p = Http.get(base + "/tickets/checkin_ids/" + last.id + "?per_page=5000&page=1", auth).json();
        assertThat(p.get("error").asText()).isEqualTo("no_data");
    }

    private static String busiestEvent() {
        SimulatedAccount a = sims.account();
        SimulatedAccount.SimEvent best = a.events[0];
        for (SimulatedAccount.SimEvent e : a.events) {
            if (e.orders > best.orders) {
                best = e;
            }
        }
        return best.id;
    }

    private static String busiestPastEvent() {
        SimulatedAccount a = sims.account();
        SimulatedAccount.SimEvent best = null;
        for (SimulatedAccount.SimEvent e : a.events) {
            if (e.startEpoch < NOW.getEpochSecond() && (best == null || e.orders > best.orders)) {
                best = e;
            }
        }
        return best.id;
    }
}
