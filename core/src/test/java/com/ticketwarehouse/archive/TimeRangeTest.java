package com.ticketwarehouse.archive;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @Test
    void named_ranges_bound_events_and_stripe_objects() {
        TimeRange current = TimeRange.of("current", TODAY, null, null);
        assertThat(current.eventsFrom()).isEqualTo("2026-11-27");
        assertThat(current.eventsBefore()).isEqualTo("2026-12-01");
        TimeRange recent = TimeRange.of("recent", TODAY, null, null);
        assertThat(recent.eventsFrom()).isEqualTo("2026-10-14");
        assertThat(recent.eventsBefore()).isEqualTo(TODAY);
        assertThat(recent.createdBefore().toString()).isEqualTo("2026-11-28T00:00:00Z");
        TimeRange upcoming = TimeRange.of("upcoming", TODAY, null, null);
        assertThat(upcoming.eventsBefore()).isNull();
        TimeRange all = TimeRange.of("all", TODAY, null, null);
        assertThat(all.eventsFrom()).isNull();
        assertThat(all.createdFrom()).isNull();
    }

    @Test
    void from_and_to_are_inclusive_days() {
        TimeRange custom = TimeRange.of("all", TODAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
        assertThat(custom.eventsFrom()).isEqualTo("2026-01-01");
        assertThat(custom.eventsBefore()).isEqualTo("2026-02-01");
        assertThatThrownBy(() -> TimeRange.of("all", TODAY, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)))
                .hasMessageContaining("before --from");
        assertThatThrownBy(() -> TimeRange.of("someday", TODAY, null, null)).hasMessageContaining("unknown time range 'someday'");
    }
}
