package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.RunLiveness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load's cleanup of what ended runs left half-written walks the manifests from its last mark on,
 * not the whole history, and never passes over a run that may still write.
 */
class UnfinishedWritesCleanupTest {
    static final String TEMP = ".writing-";
    static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path lake;

    @Test
    void the_manifests_before_the_mark_are_not_walked_again_and_a_live_run_holds_the_mark_back() throws IOException {
        LakeFiles files = new LakeFiles(new FolderStore(lake, TEMP));
        Instant now = Instant.now();
        String old = ID.format(now.minus(Duration.ofDays(3))), recent = ID.format(now.minus(Duration.ofHours(2)));
        Path oldLeftover = leftover(old, "complete", now.minus(Duration.ofDays(3)));
        Path recentLeftover = leftover(recent, "complete", now.minus(Duration.ofHours(2)));

        // the first cleanup walks everything
        assertThat(files.removeUnfinishedWrites("unfinished writes")).startsWith("removed 2 unfinished writes");
        assertThat(oldLeftover).doesNotExist();
        assertThat(recentLeftover).doesNotExist();
        String mark = new String(files.readState(LakeFiles.CLEANUP).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(mark).contains(ID.format(now.minus(Duration.ofDays(1))).substring(0, 11));

        // later: what lies before the mark is not walked again; what lies after it is removed
        Path beforeMark = leftover(old, "complete", now.minus(Duration.ofDays(3)));
        Path afterMark = leftover(recent, "complete", now.minus(Duration.ofHours(2)));
        assertThat(files.removeUnfinishedWrites("unfinished writes")).startsWith("removed 1 unfinished writes")
                .contains("run_id=" + recent).doesNotContain("run_id=" + old);
        assertThat(afterMark).doesNotExist();
        assertThat(beforeMark).exists();

        // a run older than a day that is still running keeps its write and holds the mark back to it
        Files.delete(beforeMark);
        String longRunning = ID.format(now.minus(Duration.ofHours(30)));
        Path live = leftover(longRunning, "running", now);
        Files.writeString(lake.resolve("state").resolve(LakeFiles.CLEANUP), "{\"clean_from\":\"" + old + "\"}");
        assertThat(files.removeUnfinishedWrites("unfinished writes")).isEmpty();
        assertThat(live).exists();
        assertThat(new String(files.readState(LakeFiles.CLEANUP).orElseThrow(), StandardCharsets.UTF_8)).contains(longRunning);
    }

    @Test
    void in_a_folder_the_raw_days_before_the_marks_are_not_walked_again() throws IOException {
        LakeFiles files = new LakeFiles(new FolderStore(lake, TEMP));
        Instant now = Instant.now();
        String old = ID.format(now.minus(Duration.ofDays(3))), recent = ID.format(now.minus(Duration.ofHours(2)));
        Path oldLeftover = rawLeftover(old), recentLeftover = rawLeftover(recent);
        Files.createDirectories(lake.resolve("state"));
        Files.writeString(lake.resolve("state").resolve(LakeFiles.CLEANUP), "{\"clean_from\":\"" + ID.format(now.minus(Duration.ofDays(1))) + "\"}");

        assertThat(files.removeUnfinishedWrites("unfinished writes")).contains("run_id=" + recent + "/").doesNotContain("run_id=" + old + "/" + TEMP + "part");
        assertThat(recentLeftover).doesNotExist();
        assertThat(oldLeftover).as("a day before the mark's, walked when its run had ended").exists();
    }

    /** A complete run's manifest, and a temporary file in its raw folder (under the day it began). */
    private Path rawLeftover(String runId) throws IOException {
        Path manifests = Files.createDirectories(lake.resolve(Archive.manifestFolder(runId)));
        Files.writeString(manifests.resolve("manifest.json"), "{\"run_id\":\"" + runId + "\",\"status\":\"complete\"}");
        String day = java.time.LocalDate.parse(runId.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE).toString();
        Path folder = Files.createDirectories(lake.resolve("raw/stripe/charges/load_date=" + day + "/run_id=" + runId));
        return Files.writeString(folder.resolve(TEMP + "part-00001.json.gz." + System.nanoTime()), "half");
    }

    @Test
    void a_state_files_leftover_goes_once_the_process_that_wrote_it_is_gone_and_a_live_writers_and_the_locks_stay() throws Exception {
        LakeFiles files = new LakeFiles(new FolderStore(lake, TEMP));
        files.writeState("fingerprints/stripe/charges/all.bin", new byte[] {1});
        Path folder = lake.resolve("state/fingerprints/stripe/charges");
        assertThat(folder).isDirectoryNotContaining("glob:**/" + TEMP + "*");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String gone = RunLiveness.writerTag().replaceFirst("^w\\d+", "w" + ended.pid());
        Path killed = Files.writeString(folder.resolve(TEMP + gone + "-123.tmp"), "half");
        Path own = Files.writeString(folder.resolve(TEMP + RunLiveness.writerTag() + "-456.tmp"), "being written");
        Path lock = Files.writeString(folder.resolve(TEMP + "all.bin.lock"), "");
        Path unknownWriter = Files.writeString(folder.resolve(TEMP + "789.tmp"), "before writers were named");

        assertThat(files.removeUnfinishedWrites("unfinished writes")).startsWith("removed 1 unfinished writes").contains(killed.getFileName().toString());
        assertThat(killed).doesNotExist();
        assertThat(List.of(own, lock, unknownWriter)).allMatch(Files::exists);
        assertThat(files.readState("fingerprints/stripe/charges/all.bin")).hasValueSatisfying(content -> assertThat(content).containsExactly(1));
    }

    /** A run's manifest with this status, and a temporary file beside it written at {@code written}. */
    private Path leftover(String runId, String status, Instant written) throws IOException {
        Path folder = Files.createDirectories(lake.resolve(Archive.manifestFolder(runId)));
        Files.writeString(folder.resolve("manifest.json"), "{\"run_id\":\"" + runId + "\",\"status\":\"" + status
                + "\",\"heartbeat_at\":\"" + Instant.now() + "\",\"host\":\"elsewhere\",\"pid\":1}");
        Path temp = folder.resolve(TEMP + "manifest.json." + System.nanoTime());
        Files.writeString(temp, "{");
        Files.setLastModifiedTime(temp, FileTime.from(written));
        return temp;
    }
}
