package com.ticketwarehouse.archive;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The lake's objects as the archive wrote them, in a folder or a bucket, by their keys relative to
 * the lake ({@code raw/...}, {@code manifests/...}): what a compaction lists, reads and removes.
 * The archive writes through its sink; an unfinished write is never listed.
 */
public interface ArchiveStore {
    /** The keys of the finished objects under a folder (a prefix ending with '/'), sorted. */
    List<String> list(String folder);

    /** The object's content as a stream, or empty where there is none. */
    Optional<InputStream> open(String key);

    void delete(Collection<String> keys);
}
