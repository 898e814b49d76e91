package com.ticketwarehouse.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A measure as SQL that DuckDB and Athena both run: a sum of several columns adds their sums, a
 * ratio divides two sums, and a measure that counts only some rows aggregates with
 * {@code FILTER (WHERE ...)}, so that measures with different filters share one query.
 */
public final class MeasureSql {
    private MeasureSql() {
    }

    public static String aggregate(Measure m) {
        String filter = filter(m);
        return switch (m.aggregate()) {
            case SUM -> sums(m.sum(), filter);
            case RATIO -> "CAST(" + sums(m.sum(), filter) + " AS DOUBLE) / NULLIF(" + sums(m.over(), filter) + ", 0)";
            case COUNT -> "count(" + quote(m.count()) + ")" + filter;
            case COUNT_DISTINCT -> "count(DISTINCT " + quote(m.countDistinct()) + ")" + filter;
            case AVG -> "avg(" + quote(m.avg()) + ")" + filter;
            case MIN -> "min(" + quote(m.min()) + ")" + filter;
            case MAX -> "max(" + quote(m.max()) + ")" + filter;
        };
    }

    /**
     * The rows a measure counts, as a FILTER clause, or empty. Its values come from the
     * definitions, which allow only plain words in them (checked when read), so they are literals.
     */
    static String filter(Measure m) {
        return m.filtered() ? " FILTER (WHERE " + condition(m) + ")" : "";
    }

    /** The rows a filtered measure counts, as a SQL condition: a report lists exactly the rows its total counts. */
    public static String condition(Measure m) {
        List<String> conditions = new ArrayList<>();
        m.where().forEach((column, values) -> conditions.add(quote(column) + " IN ("
                + String.join(", ", values.stream().map(v -> "'" + v + "'").toList()) + ")"));
        if (m.past() != null) {
            conditions.add(quote(m.past()) + " < current_timestamp");
        }
        return String.join(" AND ", conditions);
    }

    private static String sums(List<String> columns, String filter) {
        if (columns.size() == 1) {
            return "sum(" + quote(columns.get(0)) + ")" + filter;
        }
        StringJoiner sum = new StringJoiner(" + ", "(", ")");
        columns.forEach(c -> sum.add("COALESCE(sum(" + quote(c) + ")" + filter + ", 0)"));
        return sum.toString();
    }

    /** Names were checked to be plain identifiers when the definitions were read; quoting keeps them names. */
    public static String quote(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not an identifier: " + identifier);
        }
        return '"' + identifier + '"';
    }
}
