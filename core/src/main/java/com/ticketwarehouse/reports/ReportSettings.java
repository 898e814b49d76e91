package com.ticketwarehouse.reports;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who receives which report, and in which time zone a venue's days are counted, from
 * application.properties: {@code tw.report.<report>.recipients} receive every venue's,
 * {@code tw.report.venue.<venue>.<report>.recipients} one venue's, and
 * {@code tw.report.venue.<venue>.time-zone} overrides {@code tw.report.time-zone} for a venue.
 * A venue is named by its title in lower case with runs of other characters as one '-'
 * ("The Blue Room" is the-blue-room).
 */
public final class ReportSettings {
    public static final List<String> REPORTS = List.of("settlement", "daily-sales");
    private final Function<String, Optional<String>> properties;
    private final Supplier<Set<String>> names;

    /**
     * @param properties a setting's value by key
     * @param names      every setting's key, to find the venues that have recipients of their own
     */
    public ReportSettings(Function<String, Optional<String>> properties, Supplier<Set<String>> names) {
        this.properties = properties;
        this.names = names;
        zone(null);
    }

    /** Whether anyone receives a report: a job with no one to send to has nothing to do and reads nothing. */
    public boolean anyRecipients(String report) {
        return !groupRecipients(report).isEmpty() || names.get().stream()
                .anyMatch(key -> key.startsWith("tw.report.venue.") && key.endsWith("." + report + ".recipients") && !list(key).isEmpty());
    }

    public static String venueKey(String venueTitle) {
        return venueTitle == null ? "" : venueTitle.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The time zone a venue's days are counted in (null: the default one). */
    public ZoneId zone(String venueTitle) {
        String key = "tw.report.venue." + venueKey(venueTitle) + ".time-zone";
        String zone = (venueTitle == null ? Optional.<String>empty() : value(key)).or(() -> value("tw.report.time-zone")).orElse("UTC");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("tw.report time zone '" + zone + "' is not a time zone (such as America/New_York)");
        }
    }

    /** Who receives a report for a venue: its own recipients, then everyone who receives every venue's; none for an empty venue list. */
    public Set<String> recipients(String report, String venueTitle) {
        Set<String> recipients = new LinkedHashSet<>();
        if (venueTitle != null) {
            recipients.addAll(list("tw.report.venue." + venueKey(venueTitle) + "." + report + ".recipients"));
        }
        recipients.addAll(list("tw.report." + report + ".recipients"));
        return recipients;
    }

    /** The recipients of a venue's own copy only (daily sales goes to each venue's people with that venue's numbers). */
    public Set<String> venueRecipients(String report, String venueTitle) {
        return new LinkedHashSet<>(list("tw.report.venue." + venueKey(venueTitle) + "." + report + ".recipients"));
    }

    public Set<String> groupRecipients(String report) {
        return new LinkedHashSet<>(list("tw.report." + report + ".recipients"));
    }

    public String sender() {
        return value("tw.report.from").orElse("reports@localhost");
    }

    /** How many days back a settlement run looks for events not yet settled. */
    public int settlementDays() {
        return Integer.parseInt(value("tw.report.settlement.days").orElse("7"));
    }

    /** How long a delivery claimed by a process on another host is left to it before another sends it. */
    public long claimSeconds() {
        return Long.parseLong(value("tw.report.claim-seconds").orElse("600"));
    }

    private List<String> list(String key) {
        return value(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private Optional<String> value(String key) {
        return properties.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }
}
