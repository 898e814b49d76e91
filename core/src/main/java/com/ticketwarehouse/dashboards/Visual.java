package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One visual of a dashboard over one mart: rows grouped by its dimensions (and its series), with
 * its measures, narrowed by fixed conditions ({@code where}: column to allowed values).
 *
 * <ul>
 *   <li>kpi: one measure, no dimension;</li>
 *   <li>bar, line: one dimension on the x axis, and several measures or one measure split by a series;</li>
 *   <li>table: dimensions and measures, with a totals row;</li>
 *   <li>pivot: dimensions as rows, the series as columns, one measure.</li>
 * </ul>
 *
 * @param sort  a dimension's column or a measure's id, then optionally {@code asc} or {@code desc}
 * @param width   full or half of the page for a chart or table; by default charts are half and tables full
 *                (KPIs share a row of their own)
 * @param stacked a bar chart's measures or series stacked into one bar
 */
public record Visual(String id, VisualType type, String title, String mart, List<Dimension> dimensions, Dimension series,
                     List<Measure> measures, Map<String, List<String>> where, String sort, Integer limit, String width, boolean stacked) {

    public Visual {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
        where = where == null ? Map.of() : Map.copyOf(where);
    }

    public enum VisualType {
        @JsonProperty("kpi") KPI,
        @JsonProperty("bar") BAR,
        @JsonProperty("line") LINE,
        @JsonProperty("table") TABLE,
        @JsonProperty("pivot") PIVOT
    }

    /** The dimensions then the series: every column the rows are grouped by. */
    public List<Dimension> groupBy() {
        List<Dimension> all = new ArrayList<>(dimensions);
        if (series != null) {
            all.add(series);
        }
        return all;
    }

    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        groupBy().forEach(d -> columns.add(d.column()));
        measures.forEach(m -> columns.addAll(m.columns()));
        columns.addAll(where.keySet());
        return columns;
    }

    public String sortKey() {
        return sort == null ? null : sort.trim().split("\\s+")[0];
    }

    public boolean sortDescending() {
        return sort != null && sort.trim().toLowerCase().endsWith(" desc");
    }

    public Measure measure(String id) {
        return measures.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    public String widthOrDefault() {
        return width != null ? width : switch (type) {
            case KPI, BAR, LINE -> "half";
            case TABLE, PIVOT -> "full";
        };
    }

    /**
     * A column rows are grouped by; a date or time column may be cut to its day, week or month.
     * Written as the bare column name, or as {@code {column, by, label, format}}.
     */
    public record Dimension(String column, TimeGrain by, String label, Format format) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Dimension of(String column) {
            return new Dimension(column, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Dimension(@JsonProperty("column") String column, @JsonProperty("by") TimeGrain by,
                         @JsonProperty("label") String label, @JsonProperty("format") Format format) {
            this.column = column;
            this.by = by;
            this.label = label;
            this.format = format;
        }

        public String labelOrDefault() {
            return label != null ? label : Labels.of(column);
        }

        /** The name of the grouped value in results: the column, or e.g. paid_at_utc_day. */
        public String key() {
            return by == null ? column : column + "_" + by.name().toLowerCase();
        }
    }

    public enum TimeGrain {
        @JsonProperty("day") DAY,
        @JsonProperty("week") WEEK,
        @JsonProperty("month") MONTH
    }
}
