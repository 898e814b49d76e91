package com.ticketwarehouse.extract;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StripeSyncTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final StripeSync.Policy POLICY = new StripeSync.Policy(Duration.ofMinutes(5), Duration.ofDays(30));

    @Test
    void the_first_sync_reads_everything_and_its_start_is_the_events_watermark() {
        StripeSync first = StripeSync.plan(null, NOW, POLICY, false);
        assertThat(first.full()).isTrue();
        assertThat(first.query("charges")).isEmpty();
        StripeSync.Watermarks next = first.next(null, Map.of("charges", 100L, "balance_transactions", 90L),
                Map.of("balance_transactions", 50L), NOW, POLICY.overlap(), "r1");
        assertThat(next.events()).isEqualTo(NOW.getEpochSecond());
        assertThat(next.lists()).containsExactlyInAnyOrderEntriesOf(Map.of("charges", 100L, "balance_transactions", 90L));
        assertThat(next.pending()).containsExactlyInAnyOrderEntriesOf(Map.of("balance_transactions", 50L));
        assertThat(StripeSync.Watermarks.parse(next.json())).isEqualTo(next);
    }

    @Test
    void later_syncs_read_from_the_watermarks_less_the_overlap_and_move_them_on() {
        long events = NOW.minus(Duration.ofHours(1)).getEpochSecond();
        StripeSync.Watermarks last = new StripeSync.Watermarks(Map.of("charges", 1000L, "balance_transactions", 900L),
                Map.of("balance_transactions", 500L), events, "r1");
        StripeSync sync = StripeSync.plan(last, NOW, POLICY, false);
        assertThat(sync.full()).isFalse();
        assertThat(sync.query("charges")).isEqualTo("created%5Bgte%5D=700");
        assertThat(sync.query("disputes")).as("a list never seen is read whole").isEmpty();
        assertThat(sync.eventsQuery()).isEqualTo("created%5Bgte%5D=" + (events - 300));
        assertThat(sync.query("balance_transactions")).as("the changes only").isEqualTo("created%5Bgte%5D=600");
        StripeSync.Watermarks next = sync.next(last, Map.of("charges", 2000L, "events", events + 10), Map.of("balance_transactions", 950L),
                NOW, POLICY.overlap(), "r2");
        assertThat(next.lists()).containsExactlyInAnyOrderEntriesOf(Map.of("charges", 2000L, "balance_transactions", 900L));
        assertThat(next.pending()).as("the older pending one is still to be read again").containsEntry("balance_transactions", 500L);
        assertThat(next.events()).as("the feed showed every change up to the start less the overlap")
                .isEqualTo(NOW.minus(POLICY.overlap()).getEpochSecond());

        StripeSync refresh = StripeSync.plan(last, NOW, POLICY, true);
        assertThat(refresh.query("balance_transactions")).as("again from the oldest pending").isEqualTo("created%5Bgte%5D=200");
        assertThat(refresh.next(last, Map.of("balance_transactions", 960L), Map.of(), NOW, POLICY.overlap(), "r3").pending())
                .as("none pending any more").isEmpty();
    }

    @Test
    void a_watermark_older_than_the_events_kept_means_a_full_read_that_says_so() {
        StripeSync.Watermarks old = new StripeSync.Watermarks(Map.of("charges", 1L), Map.of(), NOW.minus(Duration.ofDays(31)).getEpochSecond(), "r0");
        StripeSync sync = StripeSync.plan(old, NOW, POLICY, false);
        assertThat(sync.full()).isTrue();
        assertThat(sync.note()).contains("older than the 30 days Stripe keeps events: reading everything");
    }
}
