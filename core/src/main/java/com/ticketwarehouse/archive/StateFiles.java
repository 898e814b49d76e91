package com.ticketwarehouse.archive;

import java.util.Optional;

/** The lake's small state files under {@code state/} (local or on S3), as the archive's parts keep theirs. */
public interface StateFiles {
    Optional<byte[]> readState(String name);

    /** Replaces the file whole: a reader sees the old content or the new, never a part. */
    void writeState(String name, byte[] content);
}
