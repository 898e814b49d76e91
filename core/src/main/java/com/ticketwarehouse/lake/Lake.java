package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.StateFiles;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the archives become tables: the local lake (a folder and DuckDB) or AWS (S3, Glue,
 * Athena). The routes call these; they never know which one they have.
 */
public interface Lake extends StateFiles {
    /** Makes each raw entity a table over its archives; returns a report of schema changes. */
    String crawl();

    /** Refreshes the tables from the complete runs not read yet; returns a report. */
    default String transform() {
        return transform(false);
    }

    /**
     * Runs the SQL models, staging first; returns a report. Reads the complete runs since the last
     * refresh, or, when full, every complete run into tables made anew.
     */
    String transform(boolean full);

    /** Runs one statement and writes the result as CSV with a header. */
    void query(String sql, PrintStream out);

    /** Runs one reading statement and returns its rows, column to value as {@link #query} writes it (null as empty). */
    default List<Map<String, String>> rows(String sql) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        query(sql, new PrintStream(csv, true, StandardCharsets.UTF_8));
        return Csv.read(csv.toString(StandardCharsets.UTF_8));
    }

    /** What is in the lake: the newest runs (as many as asked), record counts, last load, crawl and transform. */
    String status(int runs);

    /** Removes the raw archives, manifests and tables. */
    String purge();

    /**
     * Makes a run's archives queryable at once, without a crawl; returns a report. The local lake
     * reads its archives by glob, so there it has nothing to do.
     */
    default String registerPartitions(LoadRun run) {
        return "";
    }

    /** The same for the archives of a compaction, a run of its own under the load date it compacted. */
    default String registerPartitions(String runId, String loadDate, Collection<String> entities) {
        return "";
    }

    /** Forgets the folders of a run a compaction replaced (its objects are deleted); its run stays in load_runs. */
    default String unregisterPartitions(String runId, String loadDate, Collection<String> entities) {
        return "";
    }

    /**
     * Removes what loads that ended (complete, failed or abandoned) left half-written; the writes
     * of a run still at work are left alone. Called by a load, never by a reading command; returns
     * a report. Readers never take an unfinished write as data whether or not it was removed.
     */
    default String removeUnfinishedWrites() {
        return "";
    }

    /** Whether a run archived an entity or a column that the tables do not have yet, so that a crawl is due. */
    boolean needsCrawl(LoadRun run);

    /** What the lake keeps beside its tables on its object store: the runs' manifests and the state files. */
    LakeFiles files();

    /**
     * A small state file of the lake under {@code state/} (jobs' last runs, watermarks, the
     * runner's lease), or empty where there is none. It lives beside the archives, local or on S3,
     * so it survives restarts and purge empties it with them.
     */
    @Override
    default Optional<byte[]> readState(String name) {
        return files().readState(name);
    }

    /** Replaces a state file whole: a reader sees the old content or the new, never a part. */
    @Override
    default void writeState(String name, byte[] content) {
        files().writeState(name, content);
    }

    /** A state file with its version, for {@link #writeStateIf}. */
    default Optional<ObjectStore.Versioned> readStateVersioned(String name) {
        return files().readStateVersioned(name);
    }

    /**
     * Replaces a state file only if it is still at the version read, or, with none, creates it only
     * if there is none; answers its new version, or empty when another writer came first (S3's
     * conditional writes; a lock in a folder).
     */
    default Optional<String> writeStateIf(String name, byte[] content, String version) {
        return files().writeStateIf(name, content, version);
    }

    default void deleteState(String name) {
        files().deleteState(name);
    }
}
