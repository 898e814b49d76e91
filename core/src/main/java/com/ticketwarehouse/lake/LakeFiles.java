package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.Fingerprints;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.archive.StateFiles;
import com.ticketwarehouse.extract.Entities;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every lake keeps beside its tables, the same on any object store: the runs' manifests, the
 * state files of jobs, and the cleanup of writes that ended runs left unfinished.
 */
public final class LakeFiles implements StateFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "/manifest.json";
    /**
     * Where a run's manifest lay before manifests were filed by day ({@code manifests/run_id=<run>/}). A lake
     * written before keeps them there on S3 (a folder lake's are moved by {@link #fileManifestsByDay()}); the
     * day folders ({@code load_date=}) sort before it, so the two are listed as two ranges.
     */
    private static final String UNFILED = Archive.MANIFESTS + "/run_id=";
    /** The cleanup's mark: the manifests of runs with older ids hold no unfinished write left to remove. */
    static final String CLEANUP = "cleanup.json";
    /** Longer than any run takes (a Lambda function stops at 15 minutes, a benchmark-scale load at a few). */
    static final Duration LONGEST_RUN = Duration.ofDays(1);

    private final ObjectStore store;

    public LakeFiles(ObjectStore store) {
        this.store = store;
    }

    public ObjectStore store() {
        return store;
    }

    /** A run's manifest, or null when it has none that is whole. */
    public JsonNode manifest(String runId) {
        return json(store.read(Archive.manifestKey(runId)).or(() -> store.read(UNFILED + runId + MANIFEST)));
    }

    private static JsonNode json(Optional<byte[]> manifest) {
        try {
            return manifest.isEmpty() ? null : JSON.readTree(manifest.get());
        } catch (IOException unreadable) {
            return null;
        }
    }

    /**
     * Where a run's manifest lies, so that a rewrite of it (a compaction marking the run replaced) replaces it
     * there: in its day's folder, or where a lake written before manifests were filed by day left it.
     */
    public String manifestKey(String runId) {
        String unfiled = UNFILED + runId + MANIFEST;
        return store.read(Archive.manifestKey(runId)).isEmpty() && store.read(unfiled).isPresent() ? unfiled : Archive.manifestKey(runId);
    }

    /** The keys of every run's finished manifest. */
    public List<String> manifestKeys() {
        return manifestKeys("");
    }

    /**
     * The keys of the finished manifests of the runs from this one on (by id), of every run when "", in
     * the order of their runs. A run whose manifest lies both in its day folder and where it lay before (a
     * folder copied back by hand, say) is listed by its day folder's, which {@link #manifest} reads.
     */
    public List<String> manifestKeys(String fromRun) {
        String folder = Archive.MANIFESTS + "/";
        List<String> keys = new ArrayList<>();
        if (fromRun.isEmpty()) {
            keys.addAll(store.keys(folder));
        } else {
            keys.addAll(store.keys(folder, justBefore(fromRun), UNFILED));
            // "run_id=R" sorts just before R's own manifest key
            keys.addAll(store.keys(folder, UNFILED + fromRun));
        }
        Map<String, String> byRun = new TreeMap<>();
        keys.stream().filter(k -> k.endsWith(MANIFEST))
                .forEach(key -> byRun.merge(RunLiveness.runIdOf(key), key, (one, other) -> one.startsWith(UNFILED) ? other : one));
        return List.copyOf(byRun.values());
    }

    /** The key that sorts just before the manifests of a run (or a mark, a time) and after those of the runs before it. */
    private static String justBefore(String run) {
        String folder = Archive.manifestFolder(run);
        return folder.substring(0, folder.length() - 1);
    }

    /**
     * Moves the manifests of ended runs from where they lay before they were filed by day into their day's
     * folder, where the store moves a folder in one step; returns a report, "" when none was left. A folder
     * lake's load calls it: a listing of {@code manifests/} there reads every name in it. An S3 lake keeps
     * them where they lie, since a listing there starts after a mark whatever the layout.
     */
    public String fileManifestsByDay() {
        Instant now = Instant.now();
        Set<String> unfiled = new TreeSet<>();
        store.keys(Archive.MANIFESTS + "/", UNFILED).forEach(key -> unfiled.add(RunLiveness.runIdOf(key)));
        int moved = 0;
        for (String run : unfiled) {
            if (!RunLiveness.mayStillWrite(json(store.read(UNFILED + run + MANIFEST)), Instant.EPOCH, now)
                    && store.moveFolder(UNFILED + run + "/", Archive.manifestFolder(run))) {
                moved++;
            }
        }
        return moved == 0 ? "" : "filed the manifests of " + moved + " runs by day (" + Archive.MANIFESTS + "/load_date=<day>/)\n";
    }

    /**
     * The newest runs (as many as asked) for status, or "" when there are none; a run whose manifest
     * was begun and never finished is listed too, as abandoned.
     */
    public String runs(int limit) {
        Set<String> manifests = new TreeSet<>(manifestKeys());
        store.unfinishedWrites(Archive.MANIFESTS + "/").stream().map(w -> RunLiveness.runIdOf(w.key())).filter(Objects::nonNull)
                .forEach(run -> manifests.add(Archive.manifestKey(run)));
        // named where they lie, so that a person can find an unreadable one
        Map<String, String> keys = new LinkedHashMap<>();
        manifests.forEach(key -> keys.put(store.location(key), key));
        return keys.isEmpty() ? "" : RunList.of(List.copyOf(keys.keySet()),
                location -> store.read(keys.get(location)).orElseThrow(() -> new NoSuchFileException(location)), limit);
    }

    /**
     * Removes the unfinished writes of runs that ended or whose process is gone, and those of the state
     * files a load writes whose writer's process is gone; a run or process still at work keeps its own.
     * Returns a report, "" when there was nothing to remove. The manifests of runs before the last
     * cleanup's mark ({@link #CLEANUP}), and the raw days before the mark's, are not walked again: a year
     * of 5-minute runs leaves about 105,000 run folders there, and walking them all made every sync pay
     * for the history. The mark stays a day behind and before any run that may still write, so that what
     * a run leaves is always walked once after it ends.
     */
    public String removeUnfinishedWrites(String what) {
        Instant now = Instant.now();
        String cleanFrom = readJsonState(CLEANUP).path("clean_from").asText("");
        // to the hour: the mark moves at most once an hour, so a sync rarely writes it
        String nextMark = LoadRun.ID_TIME.format(now.minus(LONGEST_RUN).truncatedTo(ChronoUnit.HOURS));
        List<String> removed = new ArrayList<>();
        Map<String, String> walked = new LinkedHashMap<>();
        walked.put(Archive.MANIFESTS + "/", cleanFrom.isEmpty() ? "" : justBefore(cleanFrom));
        if (store.writesAside() && !cleanFrom.isEmpty()) {
            // raw/ is filed by entity and day, a run's files under the day it began: in a folder, the days from the
            // mark's on are walked (the day folders grow with the history: 2,700 after a year). A compaction writes into
            // the closed days it compacts, and removes what a killed one left itself
            String day = "load_date=" + Archive.loadDateOf(cleanFrom);
            Entities.ALL.forEach(entity -> walked.put(Archive.RAW + "/" + entity + "/", Archive.RAW + "/" + entity + "/" + day));
        } else {
            // S3 lists the uploads in flight only, a request a prefix; a folder's first cleanup has no mark to walk from
            walked.put(Archive.RAW + "/", "");
        }
        for (Map.Entry<String, String> folder : walked.entrySet()) {
            for (ObjectStore.UnfinishedWrite write : store.unfinishedWrites(folder.getKey(), folder.getValue())) {
                String runId = RunLiveness.runIdOf(write.key());
                if (runId != null && !RunLiveness.mayStillWrite(manifest(runId), write.began(), now)) {
                    store.remove(write);
                    removed.add(write.key());
                } else if (runId != null && runId.compareTo(nextMark) < 0) {
                    nextMark = runId;
                }
            }
        }
        // a state file a load writes is no run's: what a write of it leaves goes once the process that wrote it is
        // gone (a kill while a load wrote its records' fingerprints). The other state (the reports' claims, a file
        // a day) is not walked, and the locks of conditional writes stay
        for (String folder : store.writesAside() ? Fingerprints.STATE_FOLDERS : List.<String>of()) {
            for (ObjectStore.UnfinishedWrite write : store.unfinishedWrites(Archive.STATE + "/" + folder + "/")) {
                if (RunLiveness.writerGone(write.key().substring(write.key().lastIndexOf('/') + 1))) {
                    store.remove(write);
                    removed.add(write.key());
                }
            }
        }
        if (!nextMark.equals(cleanFrom)) {
            writeJsonState(CLEANUP, JSON.createObjectNode().put("clean_from", nextMark));
        }
        return removed.isEmpty() ? "" : "removed " + removed.size() + " " + what + " of runs and processes that ended: " + String.join(", ", removed) + "\n";
    }

    /** Empties the folders; returns how many objects went. */
    public int purge(List<String> folders) {
        int removed = 0;
        for (String folder : folders) {
            removed += store.deleteAll(folder);
        }
        return removed;
    }

    @Override
    public Optional<byte[]> readState(String name) {
        return store.read(stateKey(name));
    }

    @Override
    public void writeState(String name, byte[] content) {
        store.write(stateKey(name), content);
    }

    public Optional<ObjectStore.Versioned> readStateVersioned(String name) {
        return store.readVersioned(stateKey(name));
    }

    public Optional<String> writeStateIf(String name, byte[] content, String version) {
        return store.writeIf(stateKey(name), content, version);
    }

    public void deleteState(String name) {
        store.delete(stateKey(name));
    }

    private static String stateKey(String name) {
        return Archive.STATE + "/" + name;
    }
}
