package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String STRIPE = "Bearer " + Simulators.STRIPE_KEY;

    @Test
    void sameSeedSameBytesOtherSeedOtherData() {
        try (Simulators a = Simulators.start(99, Scale.SMALL, FaultPlan.none(), NOW, 0, 0);
                Simulators b = Simulators.start(99, Scale.SMALL, FaultPlan.none(), NOW, 0, 0);
                Simulators c = Simulators.start(100, Scale.SMALL, FaultPlan.none(), NOW, 0, 0)) {
            List<String> pa = paths(a);
            assertThat(pa).isEqualTo(paths(b));
            for (String p : pa) {
                assertThat(fetch(a, p)).as(p).isEqualTo(fetch(b, p));
            }
            assertThat(a.groundTruth()).isEqualTo(b.groundTruth());
            assertThat(a.minimumRequests()).isEqualTo(b.minimumRequests());
            assertThat(fetch(a, "ts:/events")).isNotEqualTo(fetch(c, "ts:/events"));
            assertThat(a.groundTruth()).isNotEqualTo(c.groundTruth());
        }
    }

    private static List<String> paths(Simulators s) {
        List<String> out = new ArrayList<>();
        out.add("ts:/events?privacy_type=all");
        String tok = Http.token(s.ticketsauce());
        JsonNode events = Http.get(s.ticketsauce().baseUrl() + "/events", Http.bearer(tok)).json();
        for (JsonNode w : events) {
            String id = w.get("Event").get("id").asText();
            out.add("ts:/event/" + id);
            out.add("ts:/orders/" + id + "?per_page=100&page=1&return_tickets=true&return_line_item_fees=true");
            out.add("ts:/tickets/checkin_ids/" + id + "?per_page=5000&page=1");
        }
        JsonNode first = Http.get(s.ticketsauce().baseUrl() + "/orders/" + events.get(0).get("Event").get("id")
                .asText() + "?per_page=1&page=1", Http.bearer(tok)).json();
        if (first.isArray()) {
            out.add("ts:/order/" + first.get(0).get("Order").get("id").asText());
        }
        for (String r : List.of("charges", "refunds", "balance_transactions", "payouts", "disputes")) {
            out.add("st:/v1/" + r + "?limit=100");
        }
        return out;
    }

    private static String fetch(Simulators s, String path) {
        if (path.startsWith("ts:")) {
            String tok = Http.token(s.ticketsauce());
            return Http.get(s.ticketsauce().baseUrl() + path.substring(3), Http.bearer(tok)).text();
        }
        return Http.get(s.stripe().baseUrl() + path.substring(3), STRIPE).text();
    }

    @Test
    void benchmarkScaleStartsQuickly() {
        long t0 = System.nanoTime();
        SimulatedAccount a = new SimulatedAccount(5, Scale.named("benchmark"), NOW);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(8_000);
        GroundTruth gt = a.groundTruth();
        assertThat(gt.events()).isEqualTo(2000);
        assertThat(gt.orders()).isBetween(150_000L, 250_000L);
        assertThat(gt.tickets()).isBetween(500_000L, 700_000L);
        assertThat(gt.charges()).isBetween(180_000L, 240_000L);
        assertThat(gt.reconciliation().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(gt.orders() + gt.reconciliation().get("charge_without_order"));
    }

    @Test
    void scaleNames() {
        assertThat(Scale.named("small")).isEqualTo(new Scale(12, 25));
        assertThat(Scale.named("medium")).isEqualTo(new Scale(200, 100));
        assertThat(Scale.named("benchmark")).isEqualTo(new Scale(2000, 100));
        assertThat(Scale.named("40x30")).isEqualTo(new Scale(40, 30));
        assertThatThrownBy(() -> Scale.named("huge")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsRoundTrip() {
        for (int i = 0; i < 5000; i += 7) {
            String u = Ids.indexedUuid(3, 5, i);
            assertThat(u).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(Ids.uuidIndex(3, 5, u)).isEqualTo(i);
            long key = Ids.stripeKey(3, 101, i);
            assertThat(Ids.stripeKeyIndex(key)).isEqualTo(i);
            assertThat(Ids.stripeIdKey("ch_", Ids.stripeId("ch_", key))).isEqualTo(key);
        }
        assertThat(Money.dec(11250)).isEqualTo("112.50");
        assertThat(Money.dec(5)).isEqualTo("0.05");
        assertThat(Money.dec(-1205)).isEqualTo("-12.05");
        assertThat(SimulatedAccount.utc(0)).isEqualTo("1970-01-01 00:00:00");
        assertThat(SimulatedAccount.utc(NOW.getEpochSecond())).isEqualTo("2025-06-01 12:00:00");
        assertThat(Names.snake("Admin Fee (not a gratuity)")).isEqualTo("admin_fee_not_a_gratuity");
        assertThat(Names.snake("LET Tax")).isEqualTo("let_tax");
    }
}
