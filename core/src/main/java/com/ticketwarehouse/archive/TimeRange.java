package com.ticketwarehouse.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Which events and which Stripe objects a load asks for. Event bounds go to Ticketsauce as
 * {@code start_after} (inclusive) and {@code start_before} (exclusive); Stripe has no events, so its
 * objects are bounded by creation time instead.
 */
public record TimeRange(String name, LocalDate eventsFrom, LocalDate eventsBefore, Instant createdFrom, Instant createdBefore) {

    public static final String NAMES = "all, current, upcoming, recent";

    /**
     * current: events starting from yesterday to two days ahead; upcoming: from yesterday on;
     * recent: the last 45 days to yesterday; all: everything. {@code from}/{@code to} (inclusive days)
     * replace the named range when given.
     */
    public static TimeRange of(String name, LocalDate today, LocalDate from, LocalDate to) {
        if (from != null || to != null) {
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from);
            }
            LocalDate before = to == null ? null : to.plusDays(1);
            return new TimeRange("custom", from, before, startOf(from), startOf(before));
        }
        LocalDate yesterday = today.minusDays(1);
        return switch (name == null ? "all" : name) {
            case "all" -> new TimeRange("all", null, null, null, null);
            case "current" -> new TimeRange("current", yesterday, today.plusDays(3), startOf(yesterday), null);
            case "upcoming" -> new TimeRange("upcoming", yesterday, null, startOf(yesterday), null);
            case "recent" -> new TimeRange("recent", today.minusDays(45), today, startOf(today.minusDays(45)), startOf(today));
            default -> throw new IllegalArgumentException("unknown time range '" + name + "': use one of " + NAMES);
        };
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
