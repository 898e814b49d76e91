package com.ticketwarehouse.lake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a lake keeps its files: a folder or an S3 bucket (under a prefix). Keys are relative to
 * the lake ({@code manifests/load_date=.../run_id=.../manifest.json}); a folder key ends with a slash.
 */
public interface ObjectStore {
    /** Where a key lies, as a person or an engine names it (a path, or s3://bucket/key). */
    String location(String key);

    Optional<byte[]> read(String key);

    /** Replaces an object whole: a reader sees the old content or the new, never a part. */
    void write(String key, byte[] content);

    void delete(String key);

    /** An object and the version a conditional write names: S3's ETag; in a folder, a digest of the content. */
    record Versioned(byte[] content, String version) {
    }

    Optional<Versioned> readVersioned(String key);

    /**
     * Replaces an object only if it is still at that version, or, with no version, creates it only
     * if there is none; answers the new version, or empty when another writer came first. Two
     * writers that read the same version cannot both write.
     */
    Optional<String> writeIf(String key, byte[] content, String version);

    /** Every finished object under a folder, as keys of the lake. */
    default List<String> keys(String folder) {
        return keys(folder, "");
    }

    /** The finished objects under a folder whose keys sort after {@code after} (all when ""), without listing the ones before. */
    default List<String> keys(String folder, String after) {
        return keys(folder, after, "");
    }

    /** Those of {@link #keys(String, String)} that also sort before {@code before} (no bound when ""): the listing stops there. */
    List<String> keys(String folder, String after, String before);

    boolean any(String folder);

    /** How many finished objects a folder holds, and their bytes. */
    record Usage(long objects, long bytes) {
    }

    Usage usage(String folder);

    /** Deletes everything under a folder; returns how many objects went. */
    int deleteAll(String folder);

    /** A write begun and never finished (a hidden temporary file, an S3 multipart upload), with when it began. */
    record UnfinishedWrite(String key, Instant began, String handle) {
    }

    default List<UnfinishedWrite> unfinishedWrites(String folder) {
        return unfinishedWrites(folder, "");
    }

    /** The unfinished writes under a folder whose keys sort after {@code after} (all when ""), without walking the ones before. */
    List<UnfinishedWrite> unfinishedWrites(String folder, String after);

    void remove(UnfinishedWrite write);

    /**
     * Whether a write is first made aside under a name that says which process writes it (a folder's hidden
     * temporary file), so that one left by a process that is gone can be found outside a run's folders too.
     * An object in S3 is written whole.
     */
    default boolean writesAside() {
        return false;
    }

    /**
     * Moves a folder and everything in it to another key in one step, where the store can (a folder's
     * rename); false where it cannot (S3 copies object by object) or where the target is taken.
     */
    default boolean moveFolder(String folder, String to) {
        return false;
    }
}
