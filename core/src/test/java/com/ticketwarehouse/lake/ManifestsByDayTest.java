package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.RunLiveness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manifests are filed by the day their run began, so that a listing from a mark reads that day's folder
 * and the days after; those a lake written before kept in one folder are still read, and a folder lake
 * moves those of ended runs into their days.
 */
class ManifestsByDayTest {
    static final String TEMP = ".writing-";

    @TempDir
    Path lake;

    @Test
    void a_run_is_filed_under_the_day_of_its_id() {
        assertThat(Archive.manifestKey("20261206T235959Z-1a2b")).isEqualTo("manifests/load_date=2026-12-06/run_id=20261206T235959Z-1a2b/manifest.json");
    }

    @Test
    void both_layouts_are_listed_from_a_mark_in_the_order_of_their_runs_and_ended_runs_are_moved_into_their_days() throws IOException {
        LakeFiles files = new LakeFiles(new FolderStore(lake, TEMP));
        String oldEnded = "20261130T100000Z-1000", oldRunning = "20261204T100000Z-1001";
        String filed = "20261203T120000Z-1002", newest = "20261205T080000Z-1003", beforeMark = "20261201T000000Z-1004";
        write(unfiled(oldEnded), oldEnded, "complete");
        write(unfiled(oldRunning), oldRunning, "running");
        write(Archive.manifestKey(filed), filed, "complete");
        write(Archive.manifestKey(newest), newest, "complete");
        write(Archive.manifestKey(beforeMark), beforeMark, "complete");

        assertThat(files.manifestKeys()).extracting(RunLiveness::runIdOf).containsExactly(oldEnded, beforeMark, filed, oldRunning, newest);
        assertThat(files.manifestKeys("20261202T000000Z")).extracting(RunLiveness::runIdOf).containsExactly(filed, oldRunning, newest);
        assertThat(files.manifest(oldEnded).path("status").asText()).isEqualTo("complete");
        assertThat(files.manifestKey(oldEnded)).as("rewritten where it lies").isEqualTo(unfiled(oldEnded));
        assertThat(files.manifestKey(filed)).isEqualTo(Archive.manifestKey(filed));
        assertThat(files.manifestKey("20261206T000000Z-1005")).as("a run with no manifest yet").isEqualTo(Archive.manifestKey("20261206T000000Z-1005"));

        assertThat(files.fileManifestsByDay()).startsWith("filed the manifests of 1 runs by day");
        assertThat(lake.resolve(Archive.manifestKey(oldEnded))).exists();
        assertThat(lake.resolve(unfiled(oldEnded))).doesNotExist();
        assertThat(lake.resolve(unfiled(oldRunning))).as("a run still at work writes where it began").exists();
        assertThat(files.manifestKeys()).extracting(RunLiveness::runIdOf).containsExactly(oldEnded, beforeMark, filed, oldRunning, newest);
        assertThat(files.fileManifestsByDay()).as("nothing left to move").isEmpty();
    }

    @Test
    void a_run_whose_manifest_lies_in_both_layouts_is_listed_once_by_its_days() throws IOException {
        LakeFiles files = new LakeFiles(new FolderStore(lake, TEMP));
        String run = "20261130T100000Z-1000";
        write(unfiled(run), run, "complete");
        write(Archive.manifestKey(run), run, "replaced");

        assertThat(files.manifestKeys()).containsExactly(Archive.manifestKey(run));
        assertThat(files.manifest(run).path("status").asText()).isEqualTo("replaced");
    }

    @Test
    void a_folder_store_lists_between_two_keys_without_the_ones_outside() throws IOException {
        FolderStore store = new FolderStore(lake, TEMP);
        for (String key : List.of("m/a=1/x", "m/a=2/x", "m/a=3/x", "m/b=1/x")) {
            store.write(key, new byte[] {1});
        }
        assertThat(store.keys("m/", "m/a=1", "m/b=")).containsExactly("m/a=1/x", "m/a=2/x", "m/a=3/x");
        assertThat(store.keys("m/", "m/a=1/x", "m/a=3")).containsExactly("m/a=2/x");
        assertThat(store.keys("m/", "", "m/a=2")).containsExactly("m/a=1/x");
        assertThat(store.keys("m/", "m/a=9")).containsExactly("m/b=1/x");
    }

    /** Where a run's manifest lay before manifests were filed by day. */
    private static String unfiled(String runId) {
        return "manifests/run_id=" + runId + "/manifest.json";
    }

    private void write(String key, String runId, String status) throws IOException {
        Path file = lake.resolve(key);
        Files.createDirectories(file.getParent());
        // a running run beats on another host: nothing says it is gone
        Files.writeString(file, "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"heartbeat_at\":\"" + Instant.now()
                + "\",\"host\":\"elsewhere\",\"pid\":1}");
    }
}
