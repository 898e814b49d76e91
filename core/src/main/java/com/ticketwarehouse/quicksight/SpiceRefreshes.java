package com.ticketwarehouse.quicksight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.Fingerprints;
import com.ticketwarehouse.archive.StateFiles;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * When a SPICE data set is refreshed. QuickSight allows a data set so many refreshes a day (32 on
 * Enterprise, 8 on Standard), while the aws transform may run more often: a data set is ingested
 * only when a raw entity its mart reads changed since its last ingestion (a complete run archived
 * new records of it, {@link Fingerprints#lastChange}), and no sooner than a day divided by the limit
 * after its last one, so that it never runs out of refreshes before the day ends. What each data set
 * last took is kept under {@code state/}, which also tells {@code status} when a dashboard shows
 * older data than the tables.
 */
public final class SpiceRefreshes {
    static final String STATE = "quicksight/ingestions.json";

    private final StateFiles state;
    private final int perDay;
    private final Map<String, Set<String>> entitiesByMart;
    private final Clock clock;

    /** @param perDay the refreshes QuickSight allows a data set a day (tw.quicksight.daily-ingestions) */
    public SpiceRefreshes(StateFiles state, int perDay, List<SqlModel> models, Clock clock) {
        if (perDay < 1) {
            throw new IllegalArgumentException("tw.quicksight.daily-ingestions must be at least 1: QuickSight allows 32 a day on Enterprise, 8 on Standard");
        }
        this.state = state;
        this.perDay = perDay;
        this.entitiesByMart = SqlModels.entitiesRead(models);
        this.clock = clock;
    }

    /** The newest change of every raw entity, taken before a transform: what its marts hold at most. */
    public Map<String, String> tablesAsOf() {
        Map<String, String> versions = new TreeMap<>();
        for (String entity : Entities.ALL) {
            versions.put(entity, Fingerprints.lastChange(state, entity).orElse(""));
        }
        return versions;
    }

    /** Why the data set is not ingested now, or null when it is due; {@code tables} as {@link #tablesAsOf} took them. */
    String notDue(String dataSetId, String mart, Map<String, String> tables) {
        JsonNode last = read().path(dataSetId);
        if (last.isMissingNode()) {
            return null;
        }
        if (of(mart, tables).equals(versions(last.path("versions")))) {
            return "unchanged since its ingestion at " + last.path("ingested_at").asText();
        }
        Instant next = Instant.parse(last.path("ingested_at").asText()).plus(spacing());
        return clock.instant().isBefore(next) ? "changed; next ingestion from " + next + " (" + perDay + " a day at most)" : null;
    }

    /** Notes that the data set took its mart as the transform made it from {@code tables}. */
    void ingested(String dataSetId, String mart, Instant at, Map<String, String> tables) {
        ObjectNode all = read();
        ObjectNode entry = all.putObject(dataSetId).put("ingested_at", at.toString()).put("mart", mart);
        of(mart, tables).forEach(entry.putObject("versions")::put);
        state.writeJsonState(STATE, all);
    }

    /** A line for each data set whose tables have newer data than the dashboards show. */
    String staleness(Map<String, String> dataSetsByMart) {
        StringBuilder lines = new StringBuilder();
        ObjectNode all = read();
        dataSetsByMart.forEach((mart, id) -> {
            JsonNode last = all.path(id);
            if (last.isMissingNode()) {
                lines.append("  ").append(id).append(": never ingested since this lake recorded ingestions\n");
            } else if (!of(mart, tablesAsOf()).equals(versions(last.path("versions")))) {
                lines.append("  ").append(id).append(": shows the data of ").append(last.path("ingested_at").asText())
                        .append("; the tables are newer (the next ingestion comes with the next transform, ").append(perDay).append(" a day at most)\n");
            }
        });
        return lines.length() == 0 ? "dashboards (SPICE): every data set shows the tables' data\n"
                : "dashboards (SPICE) older than the tables:\n" + lines;
    }

    private Duration spacing() {
        return Duration.ofDays(1).dividedBy(perDay);
    }

    /** The versions of the raw entities the mart reads. */
    private Map<String, String> of(String mart, Map<String, String> tables) {
        Map<String, String> versions = new TreeMap<>();
        for (String entity : entitiesByMart.getOrDefault(mart, Set.copyOf(Entities.ALL))) {
            versions.put(entity, tables.getOrDefault(entity, ""));
        }
        return versions;
    }

    private static Map<String, String> versions(JsonNode stored) {
        Map<String, String> versions = new TreeMap<>();
        stored.fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
        return versions;
    }

    private ObjectNode read() {
        return state.readJsonState(STATE);
    }
}
