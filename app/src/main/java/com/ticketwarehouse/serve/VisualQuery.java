package com.ticketwarehouse.serve;

import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Measure;
import com.ticketwarehouse.dashboards.MeasureSql;
import com.ticketwarehouse.dashboards.Visual;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The SQL of a visual: its measures grouped by the given dimensions, narrowed by its fixed
 * conditions and the request's filters. Marts and columns come from the definitions only (checked
 * against the lake's tables); every value from a request is a bound parameter.
 */
public record VisualQuery(String sql, List<Object> params) {

    /** The rows a visual shows: grouped by its dimensions and series, sorted and limited as it says. */
    public static VisualQuery rows(Dashboard dashboard, Visual visual, FilterValues filters) {
        return of(dashboard, visual, filters, visual.groupBy(), true);
    }

    /** Its measures over the given dimensions only (none: the totals row; a pivot's row or column totals). */
    public static VisualQuery totals(Dashboard dashboard, Visual visual, FilterValues filters, List<Visual.Dimension> groupBy) {
        return of(dashboard, visual, filters, groupBy, false);
    }

    private static VisualQuery of(Dashboard dashboard, Visual visual, FilterValues filters, List<Visual.Dimension> groupBy, boolean asShown) {
        List<Object> params = new ArrayList<>();
        StringJoiner select = new StringJoiner(", ");
        groupBy.forEach(d -> select.add(dimension(d) + " AS " + MeasureSql.quote(d.key())));
        Visual.Dimension x = visual.dimensions().isEmpty() ? null : visual.dimensions().get(0);
        for (Measure m : visual.measures()) {
            String aggregate = MeasureSql.aggregate(m);
            if (asShown && m.runningTotal() && x != null) {
                aggregate = "sum(" + aggregate + ") OVER (" + (visual.series() == null ? "" : "PARTITION BY " + dimension(visual.series()) + " ")
                        + "ORDER BY " + dimension(x) + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
            }
            select.add(aggregate + " AS " + MeasureSql.quote(m.id()));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(MeasureSql.quote(visual.mart()));
        List<String> conditions = new ArrayList<>();
        filters.dates().forEach((id, range) -> {
            String column = dashboard.filterColumn(visual.mart(), id);
            if (column != null && range.from() != null) {
                conditions.add(MeasureSql.quote(column) + " >= CAST(? AS DATE)");
                params.add(range.from().toString());
            }
            if (column != null && range.to() != null) {
                conditions.add(MeasureSql.quote(column) + " < CAST(? AS DATE)");
                params.add(range.to().plusDays(1).toString());
            }
        });
        filters.choices().forEach((id, value) -> {
            String column = dashboard.filterColumn(visual.mart(), id);
            if (column != null) {
                conditions.add(MeasureSql.quote(column) + " = ?");
                params.add(value);
            }
        });
        for (Map.Entry<String, List<String>> allowed : visual.where().entrySet()) {
            conditions.add(MeasureSql.quote(allowed.getKey()) + " IN (" + String.join(", ", java.util.Collections.nCopies(allowed.getValue().size(), "?")) + ")");
            params.addAll(allowed.getValue());
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (!groupBy.isEmpty()) {
            StringJoiner positions = new StringJoiner(", ");
            for (int i = 1; i <= groupBy.size(); i++) {
                positions.add(Integer.toString(i));
            }
            sql.append(" GROUP BY ").append(positions);
            StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
            if (asShown && visual.sortKey() != null) {
                order.add(MeasureSql.quote(visual.sortKey()) + (visual.sortDescending() ? " DESC" : " ASC") + " NULLS LAST");
            }
            groupBy.forEach(d -> order.add(MeasureSql.quote(d.key()) + " ASC NULLS LAST"));
            sql.append(order);
        }
        if (asShown && visual.limit() != null) {
            sql.append(" LIMIT ").append(visual.limit().intValue());
        }
        return new VisualQuery(sql.toString(), List.copyOf(params));
    }

    static String dimension(Visual.Dimension d) {
        return d.by() == null ? MeasureSql.quote(d.column())
                : "CAST(date_trunc('" + d.by().name().toLowerCase() + "', " + MeasureSql.quote(d.column()) + ") AS DATE)";
    }
}
