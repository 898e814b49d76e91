package com.ticketwarehouse.archive;

import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A write into the lake that fails names the file and why, in the words a user acts on. */
class FailuresTest {
    @TempDir
    Path lake;

    /** As Camel's file producer reports it: "Cannot store file: <path>" over the system's error. */
    private static String stored(String file, IOException cause) {
        return Failures.oneLine(new IllegalStateException(new GenericFileOperationFailedException("Cannot store file: " + file, cause)));
    }

    @Test
    void a_full_disk_a_read_only_file_system_and_a_denied_permission_are_named_with_the_file() {
        String file = lake.resolve("raw/stripe/charges/.writing-part-1.json.gz").toString();
        // the JDK throws these: a plain IOException for ENOSPC on write, FileSystemException with the reason for EROFS
        assertThat(stored(file, new IOException("No space left on device")))
                .isEqualTo("cannot write " + file + ": disk full (no space left on device)");
        assertThat(stored(file, new FileSystemException(file, null, "Read-only file system")))
                .isEqualTo("cannot write " + file + ": read-only file system");
        assertThat(stored(file, new AccessDeniedException(file))).isEqualTo("cannot write " + file + ": permission denied");
    }

    /** Camel's file producer does not say when it cannot make a folder: the write then finds none, and the lake is asked why. */
    @Test
    void a_folder_that_could_not_be_made_is_explained_from_the_nearest_one_that_exists() throws IOException {
        Path blocker = Files.writeString(lake.resolve("raw"), "a file where a folder should be");
        Path file = lake.resolve("raw/stripe/charges/.writing-part-1.json.gz");
        assertThat(stored(file.toString(), new NoSuchFileException(file.toString())))
                .isEqualTo("cannot write " + file + ": " + blocker + " is a file, not a folder");

        // the real exception of a real write under a file
        FileSystemException real = catchThrowableOfType(FileSystemException.class, () -> Files.newOutputStream(blocker.resolve("x.json")));
        assertThat(Failures.oneLine(real)).isEqualTo("cannot write " + blocker.resolve("x.json") + ": part of its path is a file, not a folder");
    }

    @Test
    void other_failures_keep_their_first_line() {
        assertThat(Failures.oneLine(new IOException("Connection reset\nmore"))).isEqualTo("Connection reset");
        assertThat(Failures.oneLine(new IllegalArgumentException())).isEqualTo("IllegalArgumentException");
    }
}
