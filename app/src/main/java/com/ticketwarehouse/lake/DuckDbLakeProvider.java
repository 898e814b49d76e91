package com.ticketwarehouse.lake;

import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** The local target's lake: a folder of archives and a DuckDB file. */
public final class DuckDbLakeProvider implements LakeProvider {
    @Override
    public String target() {
        return Settings.LOCAL;
    }

    @Override
    public Lake create(CamelContext context, Settings settings, List<String> entities, Clock clock) {
        loadDuckDbInBackground();
        return new DuckDbLake(Path.of(settings.get("tw.lake.dir", "./warehouse")), entities, settings.get("tw.archive.temp-prefix", ".writing-"),
                clock);
    }

    /**
     * DuckDB's driver unpacks its native library (57 MB) into a temporary file and loads it on first use:
     * about 0.3 s that a command's first connection would wait for. Loaded on a thread of its own as the
     * pipeline starts, it overlaps Camel's start (an in-memory database, opened and closed, loads it); so
     * does reading the SQL models, on another, which a transform needs first.
     */
    private static void loadDuckDbInBackground() {
        inBackground("duckdb-library-load", () -> {
            try {
                DriverManager.getConnection("jdbc:duckdb:").close();
            } catch (SQLException ignored) {
                // the first real connection loads it, and says what is wrong
            }
        });
        inBackground("sql-models-load", () -> {
            try {
                SqlModels.load();
            } catch (RuntimeException ignored) {
                // the transform reads them again, and says what is wrong
            }
        });
    }

    private static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
