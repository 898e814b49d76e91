package com.ticketwarehouse.lake;

import java.util.List;
import java.util.Locale;

/**
 * What a failed SQL model means for the user, from the engine's message (DuckDB's or Athena's):
 * the raw tables are not there yet, the data cannot be read as the model reads it, the lake
 * cannot be read at all, or the model itself is wrong. Each says what to do.
 */
public final class ModelFailures {
    /** A raw table or a model's input that does not exist: no crawl yet. */
    static final List<String> NO_TABLE = List.of("catalog error: table with name raw_", "catalog error: table with name load_runs",
            "table_not_found", "does not exist");
    /** The data has a value the model cannot take. */
    static final List<String> BAD_DATA = List.of("conversion error", "invalid input error", "out of range error", "malformed json",
            "not a gzip", "invalid_cast_argument", "hive_bad_data", "hive_cursor_error", "cannot be cast", "could not convert");
    /** The lake's files or storage cannot be read. */
    static final List<String> BAD_SETUP = List.of("permission error", "permission denied", "access denied", "accessdenied",
            "no files found", "cannot open file", "no such file", "read-only file system", "could not set lock", "workgroup");

    private ModelFailures() {
    }

    /** The one line for a model that failed with this message; {@code after} is said last (what stayed as it was). */
    public static LakeException of(SqlModel model, String message, String after) {
        String text = message.toLowerCase(Locale.ROOT);
        if (NO_TABLE.stream().anyMatch(text::contains) && (text.contains("raw_") || text.contains("load_runs"))) {
            return new LakeException("transform found no raw tables to read (" + message + "): run './tw crawl' first (after './tw load'), "
                    + "then './tw transform'" + after);
        }
        if (BAD_DATA.stream().anyMatch(text::contains)) {
            return new LakeException("SQL model " + model.file() + " cannot read a value in the archives: " + message + after
                    + "; the data is bad, not the model: find the record with './tw query' on the raw table, then load that range again "
                    + "('./tw load --from ... --to ...') or move the broken archive out of raw/");
        }
        if (BAD_SETUP.stream().anyMatch(text::contains)) {
            return new LakeException("transform cannot run " + model.file() + " on this lake: " + message + after
                    + "; the setup is wrong, not the model: check that the lake is where the settings say, readable and complete, "
                    + "and that no other './tw' command is using it");
        }
        return new LakeException("SQL model " + model.file() + " failed: " + message + after + "; fix the model and run './tw transform' again");
    }
}
