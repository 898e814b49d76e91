package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.glue.model.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Athena's maintenance of the Iceberg tables a refresh changes in place (those MERGE updates: staging).
 * Each MERGE adds data files and a snapshot, so a table read by the next MERGE grows in files with every
 * refresh that merges into it; the marts are made anew, one snapshot each, and need none. Once a day
 * at most, each such table changed since the last maintenance gets its snapshots' age bounded (a table
 * property, free DDL), its small files rewritten into few ({@code OPTIMIZE ... REWRITE DATA USING BIN_PACK})
 * and the snapshots older than that, with the files only they held, removed ({@code VACUUM}): two billed
 * statements a table. A table changed when Glue's {@code metadata_location} of it (Athena's Iceberg
 * tables keep their current metadata file there) differs from the one noted after its last maintenance.
 */
final class IcebergMaintenance {
    static final String STATE = "maintenance.json";
    /** How often the tables are maintained at most: daily (a refresh runs many times a day). */
    static final Duration EVERY = Duration.ofDays(1);
    /**
     * The snapshots kept: a day's. Nothing reads an older one (no time travel), and the transform, the
     * only writer, runs under its lease, so a file younger than a day is never one a write is still making.
     */
    static final Duration SNAPSHOT_AGE = Duration.ofDays(1);
    private static final String METADATA_LOCATION = "metadata_location";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeFiles files;
    private final Supplier<List<Table>> tables;
    private final Consumer<String> athena;

    /**
     * @param tables the lake's Glue tables
     * @param athena runs one statement on Athena to its end
     */
    IcebergMaintenance(LakeFiles files, Supplier<List<Table>> tables, Consumer<String> athena) {
        this.files = files;
        this.tables = tables;
        this.athena = athena;
    }

    /** Maintains the changed tables when the last maintenance is a day old (or there was none); returns a report, "" when not due. */
    String ifDue(List<SqlModel> models, Instant now) {
        JsonNode state = state();
        String last = state.path("maintained_at").asText("");
        if (!last.isEmpty() && Duration.between(Instant.parse(last), now).compareTo(EVERY) < 0) {
            return "";
        }
        return maintain(models, now);
    }

    /** Maintains each table MERGE changes in place that changed since its last maintenance; returns a line a table. */
    String maintain(List<SqlModel> models, Instant now) {
        Set<String> merged = models.stream().filter(m -> !m.mergeKeys().isEmpty()).map(SqlModel::name).collect(Collectors.toSet());
        Map<String, String> current = metadataLocations(merged);
        if (current.isEmpty()) {
            // no Iceberg table yet (the first refresh makes them)
            return "";
        }
        JsonNode maintained = state().path("tables");
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, String> table : current.entrySet()) {
            if (table.getValue().equals(maintained.path(table.getKey()).asText())) {
                continue;
            }
            long started = System.nanoTime();
            try {
                athena.accept("ALTER TABLE " + table.getKey() + " SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds' = '"
                        + SNAPSHOT_AGE.toSeconds() + "')");
                athena.accept("OPTIMIZE " + table.getKey() + " REWRITE DATA USING BIN_PACK");
                athena.accept("VACUUM " + table.getKey());
            } catch (LakeException e) {
                // the tables are as the refresh left them, whole: the next transform maintains them again
                throw new LakeException("the Iceberg maintenance of " + table.getKey() + " failed (the tables are refreshed; the next "
                        + "transform that refreshes something tries it again): " + e.getMessage());
            }
            report.append(String.format("%-32s %-16s%s %8d ms%n", table.getKey(), "maintained", " ".repeat(17), (System.nanoTime() - started) / 1_000_000));
        }
        // as they are now, the maintenance's own commits included
        ObjectNode after = JSON.createObjectNode().put("maintained_at", now.toString());
        metadataLocations(merged).forEach(after.putObject("tables")::put);
        files.writeJsonState(STATE, after);
        return report.length() == 0 ? "maintenance: no table changed since the last one\n" : "maintenance (OPTIMIZE, VACUUM):\n" + report;
    }

    /** Glue's current metadata file of each of these tables that is an Iceberg table. */
    private Map<String, String> metadataLocations(Set<String> names) {
        return tables.get().stream().filter(t -> names.contains(t.name()) && t.parameters() != null && t.parameters().containsKey(METADATA_LOCATION))
                .collect(Collectors.toMap(Table::name, t -> t.parameters().get(METADATA_LOCATION), (a, b) -> a, java.util.TreeMap::new));
    }

    private JsonNode state() {
        return files.readJsonState(STATE);
    }
}
