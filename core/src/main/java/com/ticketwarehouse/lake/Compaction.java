package com.ticketwarehouse.lake;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.archive.StateFiles;
import com.ticketwarehouse.extract.Entities;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The {@code compact} job: the run partitions of a closed day become a few large objects per entity,
 * so that small objects do not pile up (each run of a 5-minute sync writes its own). A compaction is
 * a run of its own (its id is of the moment it runs, like a load's; its objects are filed under the
 * load date it compacts), with a manifest of kind {@value #KIND} listing the runs it {@code replaces}; each record it writes carries the run that
 * first archived it ({@value #SOURCE_RUN}) and its original object ({@value #SOURCE_OBJECT}).
 *
 * <p>Crash-safe in this order: its objects are written whole (hidden until then), then its manifest
 * as complete in one write; only then is each replaced run's manifest marked {@value #REPLACED} and
 * its objects deleted. Readers take a run's data only when its manifest is complete, and a complete
 * compaction's replaced runs are not, so a kill at any point loses nothing; until the replaced runs
 * are marked, a record may be read twice, as the same version (staging keeps one), and the next
 * compaction finishes what the killed one began.
 */
public final class Compaction {
    public static final String KIND = "compaction", REPLACED = "replaced", SOURCE_RUN = "tw_source_run", SOURCE_OBJECT = "tw_source_object";
    /**
     * The compaction's state: from which run id on the manifests are listed ({@value #LIST_FROM}), and how
     * many manifests each compacted day since had once compacted ({@value #DAYS}: a day with no new run
     * is not read again).
     */
    static final String FOLDER = "compaction/", STATE = FOLDER + "days.json", LIST_FROM = "list_from", DAYS = "days";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** As a load's run id begins (LoadRun): the second it started. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A compaction writes no heartbeat: it is taken as alive this long after it began, unless its process is seen gone. */
    private static final long ALIVE_SECONDS = 3600;

    private final Archive archive;
    private final Supplier<ObjectStore> store;
    private final StateFiles state;
    private final Registrar registrar;
    private final Clock clock;

    /** Keeps the lake's catalog in step where it has one (Glue partitions on aws). */
    public interface Registrar {
        /** Makes a compaction's objects queryable. */
        void register(String runId, String loadDate, List<String> entities);

        /** Forgets a replaced run's folders, whose objects are gone, so that the partitions do not grow with every run ever made. */
        void retire(String runId, String loadDate, List<String> entities);

        static Registrar of(Supplier<Lake> lake) {
            return new Registrar() {
                @Override
                public void register(String runId, String loadDate, List<String> entities) {
                    lake.get().registerPartitions(runId, loadDate, entities);
                }

                @Override
                public void retire(String runId, String loadDate, List<String> entities) {
                    lake.get().unregisterPartitions(runId, loadDate, entities);
                }
            };
        }
    }

    public Compaction(Archive archive, Supplier<ObjectStore> store, StateFiles state, Registrar registrar, Clock clock) {
        this.archive = archive;
        this.store = store;
        this.state = state;
        this.registrar = registrar;
        this.clock = clock;
    }

    /**
     * Compacts every day up to and including {@code through} (the day before today when null) that
     * has more than one complete run; returns a report. Only the manifests from the state's mark on
     * are listed ({@link #STATE}): before it every day is compacted and no run is still at work, and
     * a year of 5-minute runs leaves about 105,000 manifests there.
     */
    public String compact(String through) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate last = through == null || through.isBlank() ? today.minusDays(1) : LocalDate.parse(through.trim());
        ObjectStore objects = store.get();
        // a compaction killed while it wrote its state left it half-written beside it, a hidden file no load's cleanup walks
        objects.unfinishedWrites(Archive.STATE + "/" + FOLDER).forEach(objects::remove);
        ObjectNode state = readState();
        // a day as yyyyMMdd, which sorts before the ids of its runs
        String listFrom = state.path(LIST_FROM).asText("");
        ObjectNode done = state.with(DAYS);
        Map<String, List<String>> runsByDay = new TreeMap<>();
        for (String key : new LakeFiles(objects).manifestKeys(listFrom)) {
            String run = RunLiveness.runIdOf(key);
            if (run != null && run.length() >= 8) {
                runsByDay.computeIfAbsent(run.substring(0, 8), d -> new ArrayList<>()).add(run);
            }
        }
        // a whole day (the counts are of whole days): those after the last one compacted may still be, and a run whose
        // manifest is not written yet began less than a day ago
        String mark = min(DAY.format(last.plusDays(1)), DAY.format(LocalDate.ofInstant(now.minus(LakeFiles.LONGEST_RUN), ZoneOffset.UTC)));
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, List<String>> day : runsByDay.entrySet()) {
            LocalDate date = LocalDate.parse(day.getKey(), DAY);
            // today's runs hold the compactions made today: those a kill cut short are finished or removed
            boolean due = !date.isAfter(last) && done.path(date.toString()).asInt(-1) != day.getValue().size();
            if (!due && !date.equals(today)) {
                continue;
            }
            Map<String, JsonNode> manifests = finishCompactions(objects, day.getValue(), report);
            // a run still at work may yet complete (a compaction, be finished or removed): its day is listed and read again
            boolean atWork = manifests.values().stream().anyMatch(m -> LoadRun.RUNNING.equals(RunLiveness.status(m, clock.instant())));
            if (atWork) {
                mark = min(mark, day.getKey());
            }
            if (due) {
                String made = compactDay(objects, date, manifests, report);
                if (!atWork) {
                    // what the day holds now: its runs, and the compaction if one was made and dated to it
                    done.put(date.toString(), day.getValue().size() + (made != null && made.startsWith(day.getKey()) ? 1 : 0));
                }
                writeState(state);
            }
        }
        // never back: the days before the last mark were settled by a compaction that went further
        String next = mark.compareTo(listFrom) > 0 ? mark : listFrom;
        if (!next.equals(listFrom)) {
            // the days before the mark are not listed again: their counts are needed no more
            String firstDay = LocalDate.parse(next, DAY).toString();
            List<String> before = new ArrayList<>();
            done.fieldNames().forEachRemaining(d -> {
                if (d.compareTo(firstDay) < 0) {
                    before.add(d);
                }
            });
            done.remove(before);
            writeState(state.put(LIST_FROM, next));
        }
        return report.length() == 0 ? "nothing to compact through " + last + "\n" : report.toString();
    }

    /**
     * Reads the manifests of these runs; finishes the complete compactions among them that a kill cut
     * short (their replaced runs still complete) and removes what abandoned ones wrote. Returns the
     * manifests as they are then.
     */
    private Map<String, JsonNode> finishCompactions(ObjectStore objects, List<String> runIds, StringBuilder report) {
        Map<String, JsonNode> manifests = new TreeMap<>();
        for (String run : runIds) {
            JsonNode manifest = manifest(objects, run);
            if (manifest != null) {
                manifests.put(run, manifest);
            }
        }
        for (JsonNode m : List.copyOf(manifests.values())) {
            if (!KIND.equals(m.path("kind").asText())) {
                continue;
            }
            String id = m.path("run_id").asText();
            if (RunLiveness.ABANDONED.equals(RunLiveness.status(m, clock.instant()))) {
                // killed before its manifest said complete: what it wrote is never data, and goes
                manifests.put(id, abandon(objects, m));
                report.append(loadDay(m)).append(": removed what abandoned compaction ").append(id).append(" wrote\n");
            } else if (LoadRun.COMPLETE.equals(m.path("status").asText())) {
                // killed after: its replaced runs are marked and removed now
                m.path("replaces").forEach(r -> {
                    JsonNode replaced = manifests.containsKey(r.asText()) ? manifests.get(r.asText()) : manifest(objects, r.asText());
                    if (replaced != null && LoadRun.COMPLETE.equals(replaced.path("status").asText())) {
                        JsonNode retired = retire(objects, replaced, id);
                        // the kill may have cut its new manifest short: a hidden file no cleanup walks again (its run lies before the load's mark)
                        objects.unfinishedWrites(Archive.manifestFolder(r.asText())).forEach(objects::remove);
                        if (manifests.containsKey(r.asText())) {
                            manifests.put(r.asText(), retired);
                        }
                        report.append(loadDay(m)).append(": finished compaction ").append(id).append(" of run ").append(r.asText()).append('\n');
                    }
                });
            }
        }
        return manifests;
    }

    /**
     * Compacts the complete runs of one load date, when there are two or more; returns the id of the
     * compaction made, or null. Its id is of the moment it runs, like a load's, so that it sorts
     * after the runs a refresh has read and a refresh meets it as a new complete run.
     */
    private String compactDay(ObjectStore objects, LocalDate date, Map<String, JsonNode> manifests, StringBuilder report) {
        List<JsonNode> complete = manifests.values().stream().filter(m -> LoadRun.COMPLETE.equals(m.path("status").asText()))
                .filter(m -> files(m) > 0 && loadDay(m).equals(date.toString())).toList();
        if (complete.size() < 2) {
            return null;
        }
        Instant started = clock.instant();
        String id = LoadRun.ID_TIME.format(started) + "-" + Integer.toHexString(0x1000 + RANDOM.nextInt(0xF000));
        ObjectNode manifest = JSON.createObjectNode().put("run_id", id).put("kind", KIND).put("status", LoadRun.RUNNING)
                .put("sources", KIND).put("time_range", date.toString()).put("load_date", date.toString())
                .put("started_at", started.toString()).put("host", (String) RunLiveness.thisProcess().get("host"))
                .put("pid", (Long) RunLiveness.thisProcess().get("pid"))
                .put("heartbeat_at", started.toString()).put("heartbeat_seconds", ALIVE_SECONDS);
        complete.forEach(m -> manifest.withArray("replaces").add(m.path("run_id").asText()));
        RunLiveness.own(id);
        try {
            archive.storeManifest(Archive.manifestKey(id), bytes(manifest));
            Map<String, long[]> written = new TreeMap<>();
            long records = 0, bytes = 0;
            for (String entity : entities(complete)) {
                long[] counts = compactEntity(objects, date, id, entity, complete);
                written.put(entity, counts);
                records += counts[0];
                bytes += counts[2];
            }
            ObjectNode entities = manifest.putObject("entities");
            written.forEach((entity, c) -> entities.putObject(entity).put("records", c[0]).put("files", c[1]).put("bytes", c[2]));
            Instant finished = clock.instant();
            manifest.put("status", LoadRun.COMPLETE).put("finished_at", finished.toString())
                    .put("duration_ms", finished.toEpochMilli() - started.toEpochMilli()).put("records", records).put("bytes", bytes);
            archive.storeManifest(Archive.manifestKey(id), bytes(manifest));
            registrar.register(id, date.toString(), List.copyOf(written.keySet()));
            for (JsonNode replaced : complete) {
                retire(objects, replaced, id);
            }
            report.append(String.format("%s: %d runs compacted into %s: %,d records in %d objects%n", date, complete.size(), id, records,
                    written.values().stream().mapToLong(c -> c[1]).sum()));
            return id;
        } finally {
            RunLiveness.disown(id);
        }
    }

    /** Copies the entity's records of the runs into the compaction's objects, lineage added; returns records, objects and bytes. */
    private long[] compactEntity(ObjectStore objects, LocalDate date, String id, String entity, List<JsonNode> runs) {
        List<String[]> sources = new ArrayList<>();
        for (JsonNode run : runs) {
            objects.keys(runFolder(entity, run)).forEach(key -> sources.add(new String[] {run.path("run_id").asText(), key}));
        }
        return archive.writeObjects(id, date.toString(), entity, new Lines(objects, sources));
    }

    /** The lines of the objects, one object read at a time, each with its lineage. */
    private static final class Lines implements Iterator<byte[]> {
        private final ObjectStore objects;
        private final Iterator<String[]> sources;
        private BufferedReader current;
        private String[] source;
        private String next;

        Lines(ObjectStore objects, List<String[]> sources) {
            this.objects = objects;
            this.sources = sources.iterator();
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (current == null) {
                        if (!sources.hasNext()) {
                            return false;
                        }
                        source = sources.next();
                        byte[] object = objects.read(source[1]).orElseThrow(() -> new IllegalStateException(source[1] + " was listed and is gone"));
                        current = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(object), 1 << 16),
                                StandardCharsets.UTF_8));
                    }
                    String line = current.readLine();
                    if (line == null) {
                        current = null;
                    } else if (!line.isBlank()) {
                        next = line;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source[1] + " to compact it: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            byte[] line = withLineage(next, source[0], source[1]);
            next = null;
            return line;
        }
    }

    /** The record with the run that first archived it and its object in front; a record compacted before keeps its own. */
    static byte[] withLineage(String line, String runId, String key) {
        if (line.startsWith("{\"" + SOURCE_RUN + "\":")) {
            return line.getBytes(StandardCharsets.UTF_8);
        }
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        String rest = line.substring(1).stripLeading();
        return ("{\"" + SOURCE_RUN + "\":\"" + new String(quote.quoteAsString(runId)) + "\",\"" + SOURCE_OBJECT + "\":\""
                + new String(quote.quoteAsString(key)) + "\"" + (rest.startsWith("}") ? "" : ",") + rest).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Deletes the objects of a run a complete compaction replaced and its partitions, then marks it replaced; returns its
     * new manifest. In this order a kill between the two leaves it complete, so the next compaction
     * retires it again (readers already leave it out: the compaction lists it in {@code replaces}).
     */
    private JsonNode retire(ObjectStore objects, JsonNode run, String compaction) {
        List<String> entities = entities(List.of(run));
        for (String entity : entities) {
            objects.keys(runFolder(entity, run)).forEach(objects::delete);
        }
        registrar.retire(run.path("run_id").asText(), loadDay(run), entities);
        ObjectNode replaced = run.deepCopy();
        replaced.put("status", REPLACED).put("replaced_by", compaction);
        archive.storeManifest(new LakeFiles(objects).manifestKey(run.path("run_id").asText()), bytes(replaced));
        return replaced;
    }

    /** Marks an abandoned compaction failed, then deletes whatever it stored or began to store under its run. */
    private JsonNode abandon(ObjectStore objects, JsonNode compaction) {
        ObjectNode failed = compaction.deepCopy();
        failed.put("status", LoadRun.FAILED).put("error", "abandoned: its process is gone; what it wrote was removed");
        archive.storeManifest(new LakeFiles(objects).manifestKey(compaction.path("run_id").asText()), bytes(failed));
        for (String entity : Entities.ALL) {
            objects.keys(runFolder(entity, compaction)).forEach(objects::delete);
            // and what it was writing when it was killed
            objects.unfinishedWrites(runFolder(entity, compaction)).forEach(objects::remove);
        }
        return failed;
    }

    /** The day a run's objects are filed under: a load's is the day of its id, a compaction's the day it compacted. */
    private static String loadDay(JsonNode run) {
        return run.hasNonNull("load_date") ? run.path("load_date").asText() : Archive.loadDateOf(run.path("run_id").asText());
    }

    private static String runFolder(String entity, JsonNode run) {
        return Archive.RAW + "/" + entity + "/load_date=" + loadDay(run) + "/run_id=" + run.path("run_id").asText() + "/";
    }

    private static List<String> entities(List<JsonNode> runs) {
        Map<String, Boolean> entities = new LinkedHashMap<>();
        runs.forEach(r -> r.path("entities").fields().forEachRemaining(e -> {
            if (e.getValue().path("files").asLong() > 0) {
                entities.put(e.getKey(), true);
            }
        }));
        return entities.keySet().stream().sorted().toList();
    }

    private static long files(JsonNode manifest) {
        long files = 0;
        for (JsonNode entity : manifest.path("entities")) {
            files += entity.path("files").asLong();
        }
        return files;
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode manifest(ObjectStore objects, String runId) {
        return new LakeFiles(objects).manifest(runId);
    }

    private ObjectNode readState() {
        ObjectNode read = state.readJsonState(STATE);
        // a state written before the mark holds only the days' counts
        return read.has(DAYS) ? read : JSON.createObjectNode().set(DAYS, read);
    }

    private void writeState(ObjectNode compacted) {
        state.writeJsonState(STATE, compacted);
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
