package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One dashboard as its file under {@code dashboards/} declares it: the filters it offers, which
 * column of each mart a filter applies to, and its visuals. Both renderers read this: the local
 * page ({@code ./tw serve}) and QuickSight.
 *
 * @param name  the file's name without .yaml: the page's path and part of the QuickSight ids
 * @param file  where it was read from, for messages
 * @param marts per mart, the column each filter applies to (a mart absent here is not filtered)
 */
public record Dashboard(String name, String file, String title, String description,
                        Map<String, Filter> filters, Map<String, Map<String, String>> marts, List<Visual> visuals) {

    public Dashboard {
        filters = filters == null ? Map.of() : new LinkedHashMap<>(filters);
        marts = marts == null ? Map.of() : new LinkedHashMap<>(marts);
        visuals = visuals == null ? List.of() : List.copyOf(visuals);
    }

    public Visual visual(String id) {
        return visuals.stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
    }

    /** The column of a mart that a filter applies to, or null where the filter does not reach that mart. */
    public String filterColumn(String mart, String filter) {
        return marts.getOrDefault(mart, Map.of()).get(filter);
    }

    /** Every mart this dashboard reads, with every column it names there: what must exist. */
    public Map<String, Set<String>> columnsByMart() {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        for (Visual visual : visuals) {
            columns.computeIfAbsent(visual.mart(), m -> new LinkedHashSet<>()).addAll(visual.columns());
        }
        marts.forEach((mart, byFilter) -> columns.computeIfAbsent(mart, m -> new LinkedHashSet<>()).addAll(byFilter.values()));
        filters.values().stream().filter(f -> f.options() != null)
                .forEach(f -> columns.computeIfAbsent(f.options().mart(), m -> new LinkedHashSet<>()).addAll(f.options().columns()));
        return columns;
    }

    /** A filter the page offers: a range of days, or one value out of a column's values. */
    public record Filter(String label, FilterType type, Options options) {
    }

    public enum FilterType {
        @JsonProperty("date_range") DATE_RANGE,
        @JsonProperty("choice") CHOICE
    }

    /**
     * Where a choice's values come from: a mart's column, shown by another column (an event's name
     * for its id) and a detail that tells equal labels apart (its start).
     */
    public record Options(String mart, String value, String label, String detail) {
        public List<String> columns() {
            return java.util.stream.Stream.of(value, label, detail).filter(c -> c != null).distinct().toList();
        }

        public String shownColumn() {
            return label == null ? value : label;
        }
    }
}
