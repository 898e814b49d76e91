package com.ticketwarehouse.serve;

import com.ticketwarehouse.dashboards.Dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter values of one request, read from its query string and checked against the
 * dashboard's filters: {@code <id>_from} and {@code <id>_to} (inclusive days, YYYY-MM-DD) for a
 * date range, {@code <id>} for a choice. Anything else is refused with a 400 naming it.
 */
public record FilterValues(Map<String, DateRange> dates, Map<String, String> choices) {
    static final int LONGEST_VALUE = 300;

    public record DateRange(LocalDate from, LocalDate to) {
    }

    public static FilterValues parse(Dashboard dashboard, String query) {
        Map<String, String> raw = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = decode(eq < 0 ? "" : pair.substring(eq + 1)).trim();
                if (raw.put(key, value) != null) {
                    throw DashboardRequestException.badRequest("parameter '" + shown(key) + "' is given twice");
                }
            }
        }
        Map<String, LocalDate[]> dates = new LinkedHashMap<>();
        Map<String, String> choices = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : raw.entrySet()) {
            String key = param.getKey(), value = param.getValue();
            Dashboard.Filter filter = dashboard.filters().get(key);
            String rangeId = key.replaceFirst("_(from|to)$", "");
            Dashboard.Filter range = dashboard.filters().get(rangeId);
            if (filter != null && filter.type() == Dashboard.FilterType.CHOICE) {
                if (value.length() > LONGEST_VALUE) {
                    throw DashboardRequestException.badRequest(key + " is longer than " + LONGEST_VALUE + " characters");
                }
                if (!value.isEmpty()) {
                    choices.put(key, value);
                }
            } else if (!rangeId.equals(key) && range != null && range.type() == Dashboard.FilterType.DATE_RANGE) {
                if (!value.isEmpty()) {
                    dates.computeIfAbsent(rangeId, id -> new LocalDate[2])[key.endsWith("_from") ? 0 : 1] = date(key, value);
                }
            } else {
                throw DashboardRequestException.badRequest("unknown parameter '" + shown(key) + "': the filters of " + dashboard.name() + " are " + String.join(", ", names(dashboard)));
            }
        }
        Map<String, DateRange> ranges = new LinkedHashMap<>();
        dates.forEach((id, fromTo) -> {
            if (fromTo[0] != null && fromTo[1] != null && fromTo[0].isAfter(fromTo[1])) {
                throw DashboardRequestException.badRequest(id + "_from " + fromTo[0] + " is after " + id + "_to " + fromTo[1]);
            }
            ranges.put(id, new DateRange(fromTo[0], fromTo[1]));
        });
        return new FilterValues(ranges, choices);
    }

    static List<String> names(Dashboard dashboard) {
        List<String> names = new ArrayList<>();
        dashboard.filters().forEach((id, filter) -> {
            if (filter.type() == Dashboard.FilterType.DATE_RANGE) {
                names.add(id + "_from");
                names.add(id + "_to");
            } else {
                names.add(id);
            }
        });
        return names;
    }

    private static LocalDate date(String key, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DashboardRequestException.badRequest(key + " '" + shown(value) + "' is not a date: use YYYY-MM-DD");
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DashboardRequestException.badRequest("the query string is not URL-encoded properly");
        }
    }

    /** A value echoed in a message: short, and on one line. */
    static String shown(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
