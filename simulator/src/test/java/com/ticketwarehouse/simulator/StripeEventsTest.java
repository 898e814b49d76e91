package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events feed and the clock: replaying every event's object over what the lists showed a day
 * earlier gives what the lists show now, and nothing after the clock exists.
 */
class StripeEventsTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant DAY_BEFORE = NOW.minus(Duration.ofDays(1));
    static Simulators sims;

    @BeforeAll
    static void start() {
        sims = Simulators.start(11, Scale.named("60x40"), FaultPlan.none(), NOW, 0, 0);
    }

    @AfterAll
    static void stop() {
        sims.stripe().clock(NOW);
        sims.close();
    }

    static List<JsonNode> all(String resource, String query) {
        return StripeSimulatorTest.all(sims.stripe().baseUrl(), resource, query);
    }

    @Test
    void events_are_paged_newest_first_one_per_creation_and_change() {
        sims.stripe().clock(NOW);
        List<JsonNode> events = all("events", "");
        StripeSimulatorTest.assertNewestFirst(events);
        GroundTruth truth = sims.groundTruth();
        Map<String, Integer> byType = new HashMap<>();
        events.forEach(e -> byType.merge(e.get("type").asText(), 1, Integer::sum));
        assertThat(byType.getOrDefault("charge.succeeded", 0) + byType.getOrDefault("charge.failed", 0)).isEqualTo((int) truth.charges());
        assertThat(byType.get("charge.failed")).isEqualTo((int) truth.failedCharges());
        assertThat(byType.get("refund.created")).isEqualTo((int) truth.refunds()).isEqualTo(byType.get("charge.refunded"));
        assertThat(byType.get("charge.dispute.created")).isEqualTo((int) truth.disputes()).isEqualTo(byType.get("charge.updated"));
        assertThat(byType.get("payout.created")).isEqualTo((int) truth.payouts());
        for (JsonNode e : events) {
            JsonNode object = e.get("data").get("object");
            assertThat(e.get("id").asText()).startsWith("evt_");
            assertThat(object.get("created").asLong()).isLessThanOrEqualTo(e.get("created").asLong());
            switch (e.get("type").asText()) {
                case "charge.refunded" -> assertThat(object.get("amount_refunded").asLong()).isPositive();
                case "charge.updated" -> assertThat(object.get("disputed").asBoolean()).isTrue();
                case "charge.dispute.created" -> assertThat(object.get("status").asText()).isEqualTo("needs_response");
                case "charge.dispute.closed" -> assertThat(object.get("status").asText()).isIn("won", "lost");
                case "charge.succeeded" -> assertThat(object.get("amount_refunded").asLong()).isZero();
                default -> { }
            }
        }
        long since = NOW.minus(Duration.ofDays(3)).getEpochSecond();
        List<JsonNode> recent = all("events", "created%5Bgte%5D=" + since);
        assertThat(recent).isNotEmpty().allMatch(e -> e.get("created").asLong() >= since)
                .hasSize((int) events.stream().filter(e -> e.get("created").asLong() >= since).count());
    }

    @Test
    void a_day_of_events_turns_the_lists_of_the_day_before_into_the_lists_of_now() {
        Map<String, Map<String, JsonNode>> state = new HashMap<>();
        sims.stripe().clock(DAY_BEFORE);
        for (String list : List.of("charges", "refunds", "disputes", "payouts")) {
            Map<String, JsonNode> objects = new HashMap<>();
            all(list, "").forEach(o -> objects.put(o.get("id").asText(), o));
            assertThat(objects.values()).allMatch(o -> o.get("created").asLong() <= DAY_BEFORE.getEpochSecond());
            state.put(list, objects);
        }
        assertThat(all("events", "")).allMatch(e -> e.get("created").asLong() <= DAY_BEFORE.getEpochSecond());

        sims.stripe().clock(NOW);
        List<JsonNode> day = all("events", "created%5Bgt%5D=" + DAY_BEFORE.getEpochSecond());
        assertThat(day).isNotEmpty();
        // oldest first, so that a later change wins
        for (int i = day.size() - 1; i >= 0; i--) {
            JsonNode object = day.get(i).get("data").get("object");
            state.get(object.get("object").asText() + "s").put(object.get("id").asText(), object);
        }
        for (String list : List.of("charges", "refunds", "disputes", "payouts")) {
            Map<String, JsonNode> now = new HashMap<>();
            all(list, "").forEach(o -> now.put(o.get("id").asText(), o));
            assertThat(state.get(list)).as(list).isEqualTo(now);
        }
        assertThat(day.stream().map(e -> e.get("type").asText()).distinct()).contains("charge.succeeded");
    }

    @Test
    void the_clock_cannot_pass_the_accounts_now() {
        assertThatThrownBy(() -> sims.stripe().clock(NOW.plusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
