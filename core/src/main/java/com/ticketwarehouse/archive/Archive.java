package com.ticketwarehouse.archive;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The raw archive of each run: gzip JSON lines under
 * {@code raw/<source>/<entity>/load_date=<day>/run_id=<run>/part-<n>.json.gz}, a few large objects
 * per entity rather than one per page, because S3, the crawlers and every reader pay per object.
 * Pages are appended to an open object of their entity (one per thread writing that entity at the
 * same time); an object is stored through the sink when it reaches the roll size or when the run
 * ends, never before it is whole. Until then it is a hidden spool file, which no reader takes.
 */
public final class Archive {
    public static final String RAW = "raw", MANIFESTS = "manifests", STATE = "state";
    private static final String SPOOL = "spool-";

    private final String prefix;
    private final Spool spool;
    private final String tempPrefix;
    private final long rollBytes;
    private final ArchiveSink sink;
    private final Fingerprints fingerprints;
    private final Map<String, Set<String>> definedFields;
    private final Map<String, Map<String, EntityParts>> open = new ConcurrentHashMap<>();

    /**
     * @param prefix     prepended to every key (empty locally; a folder in the bucket on AWS)
     * @param spool      where objects are written until whole
     * @param tempPrefix the name prefix of an unfinished write (hidden)
     * @param rollBytes  the gzip size at which an object is stored and the next one begun
     * @param fingerprints what complete runs archived, so that a record is archived again only when it changed
     * @param definedFields the top-level fields the raw tables define, by {@code source/entity} in lower case:
     *                      a record with another is noted in the run, so that the load reports what no table reads
     */
    public Archive(String prefix, Spool spool, String tempPrefix, long rollBytes, ArchiveSink sink, Fingerprints fingerprints,
                   Map<String, Set<String>> definedFields) {
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("/+$", "") + "/";
        this.spool = spool;
        this.tempPrefix = tempPrefix;
        this.rollBytes = rollBytes;
        this.sink = sink;
        this.fingerprints = fingerprints;
        this.definedFields = Map.copyOf(definedFields);
    }

    /**
     * Where objects are written until whole. In the lake's own folder they sit beside the finished
     * ones, hidden, and a finished one is renamed into place; the lake removes those of ended runs.
     * Elsewhere (a temporary folder before an upload to S3), each process spools in a folder of
     * its own and clears what dead processes, and its own ended runs, left there.
     */
    public record Spool(Path dir, boolean inLake) {
        Path folder() {
            return inLake ? dir : dir.resolve(Long.toString(ProcessHandle.current().pid()));
        }
    }

    public static String manifestKey(LoadRun run) {
        return manifestKey(run.id());
    }

    public static String manifestKey(String runId) {
        return manifestFolder(runId) + "manifest.json";
    }

    /**
     * A run's folder of manifests, filed under the day it began as its raw objects are: a listing from a
     * run on reads that run's day and the days after, not the names of every run of the history.
     */
    public static String manifestFolder(String runId) {
        return MANIFESTS + "/load_date=" + loadDateOf(runId) + "/run_id=" + runId + "/";
    }

    /** The day (UTC) a run began, from its id (or from a mark of the same form, a time without the suffix). */
    public static String loadDateOf(String runId) {
        return LocalDate.parse(runId.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE).toString();
    }

    static String rawKey(LoadRun run, String source, String entity, int part) {
        return rawKey(run.id(), run.loadDate(), source + "/" + entity, part);
    }

    /** @param entity {@code source/entity} */
    static String rawKey(String runId, String loadDate, String entity, int part) {
        return RAW + "/" + entity + "/load_date=" + loadDate + "/run_id=" + runId + "/part-" + String.format("%05d", part) + ".json.gz";
    }

    /** Opens the run's archive; with a spool outside the lake, clears what ended runs left there. */
    public void begin(LoadRun run) {
        if (!spool.inLake()) {
            clearSpool();
        }
        open.put(run.id(), new ConcurrentHashMap<>());
        fingerprints.begin(run);
    }

    /** {@link #records(LoadRun, String, String, String, List)} of a list that is not per Ticketsauce event. */
    public void records(LoadRun run, String source, String entity, List<byte[]> fetched) {
        records(run, source, entity, null, fetched);
    }

    /**
     * Appends the page's records that are new or changed since the complete runs archived them to
     * an open object of the entity, and stores that object once it reaches the roll size; counts
     * what was fetched and what was archived in the run.
     *
     * @param eventId the Ticketsauce event whose orders or check-ins these are; null for other lists
     */
    public void records(LoadRun run, String source, String entity, String eventId, List<byte[]> fetched) {
        run.countFetched(source, entity, fetched.size());
        List<byte[]> records = fingerprints.unseen(run, source, entity, eventId, fetched);
        run.countRecords(source, entity, records.size());
        if (records.isEmpty()) {
            return;
        }
        noteUndefinedFields(run, source + "/" + entity, records);
        Map<String, EntityParts> parts = open.get(run.id());
        if (parts == null) {
            throw new IllegalStateException("the archive of run " + run.id() + " is not open");
        }
        EntityParts entityParts = parts.computeIfAbsent(source + "/" + entity, k -> new EntityParts());
        ArchivePart part = entityParts.idle.pollFirst();
        if (part == null) {
            String key = rawKey(run, source, entity, entityParts.numbered.incrementAndGet());
            part = new ArchivePart(key, spoolFile(key));
        }
        part.append(records);
        run.countBytes(source, entity, part.uncounted());
        if (part.size() >= rollBytes) {
            store(run, source, entity, part);
        } else {
            entityParts.idle.addFirst(part);
        }
    }

    /**
     * Stores the run's open objects, before its manifest says how it ended. An object a thread is
     * still appending to (a failed run whose other lists have not stopped yet) is left unfinished:
     * a hidden spool file, removed later, never read. If one cannot be stored, the rest are dropped.
     */
    public void end(LoadRun run) {
        Map<String, EntityParts> parts = open.remove(run.id());
        if (parts == null) {
            return;
        }
        RuntimeException failure = null;
        for (Map.Entry<String, EntityParts> entity : parts.entrySet()) {
            String[] sourceAndEntity = entity.getKey().split("/", 2);
            for (ArchivePart part; (part = entity.getValue().idle.pollFirst()) != null; ) {
                if (failure != null) {
                    part.discard();
                    continue;
                }
                try {
                    store(run, sourceAndEntity[0], sourceAndEntity[1], part);
                } catch (RuntimeException e) {
                    failure = e;
                    part.discard();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A field no raw table defines is kept in the archive, read by no model: the run says so, for a person to add it to the DDL. */
    private void noteUndefinedFields(LoadRun run, String entity, List<byte[]> records) {
        Set<String> defined = definedFields.get(entity);
        if (defined == null) {
            return;
        }
        for (byte[] record : records) {
            for (String field : RecordFields.topLevelNames(record)) {
                if (!defined.contains(field.toLowerCase(java.util.Locale.ROOT))) {
                    run.sawUndefinedField(entity, field);
                }
            }
        }
    }

    /** Once the run's manifest says complete: what it archived is kept as seen. */
    void keep(LoadRun run) {
        fingerprints.keep(run);
    }

    /** A run that did not complete: the next one archives again what it did. */
    void forget(LoadRun run) {
        fingerprints.forget(run);
    }

    void manifest(LoadRun run) {
        storeManifest(manifestKey(run), run.manifestJson());
    }

    /** Stores a manifest in one write, replacing the one there. */
    public void storeManifest(String key, byte[] content) {
        sink.store(prefix + key, content);
    }

    /**
     * Writes lines as a run's objects of one entity (a compaction's), rolled at the roll size, each
     * stored whole through the sink (a hidden spool file until then); returns the records, objects
     * and bytes written.
     *
     * @param entity {@code source/entity}
     */
    public long[] writeObjects(String runId, String loadDate, String entity, Iterator<byte[]> lines) {
        long[] written = new long[3];
        List<byte[]> batch = new ArrayList<>();
        ArchivePart part = null;
        while (lines.hasNext()) {
            batch.add(lines.next());
            written[0]++;
            if (batch.size() == 1000 || !lines.hasNext()) {
                if (part == null) {
                    part = part(rawKey(runId, loadDate, entity, (int) written[1] + 1));
                }
                part.append(batch);
                batch.clear();
                if (part.size() >= rollBytes || !lines.hasNext()) {
                    written[2] += storePart(part);
                    written[1]++;
                    part = null;
                }
            }
        }
        return written;
    }

    private ArchivePart part(String key) {
        return new ArchivePart(key, spoolFile(key));
    }

    /** Stores a whole object; returns its size. */
    private long storePart(ArchivePart part) {
        long bytes = part.finish();
        sink.store(prefix + part.key(), part.spool(), bytes);
        return bytes;
    }

    private void store(LoadRun run, String source, String entity, ArchivePart part) {
        storePart(part);
        run.countObject(source, entity, part.uncounted());
    }

    private Path spoolFile(String key) {
        Path finished = spool.folder().resolve(prefix + key);
        return finished.resolveSibling(tempPrefix + SPOOL + finished.getFileName());
    }

    /** Removes spool folders of processes that are gone, and in this process's folder the files of runs not open. */
    private void clearSpool() {
        Path root = spool.dir();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                boolean mine = folder.equals(spool.folder());
                boolean alive = name.matches("\\d+") && ProcessHandle.of(Long.parseLong(name)).map(ProcessHandle::isAlive).orElse(false);
                if (mine || !alive) {
                    Set<String> keep = mine ? open.keySet() : Set.of();
                    deleteSpoolFiles(folder, keep);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the archive spool " + root + ": " + e.getMessage(), e);
        }
    }

    private void deleteSpoolFiles(Path folder, Set<String> openRuns) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String runId = RunLiveness.runIdOf(folder.relativize(file).toString().replace('\\', '/'));
                if (runId == null || !openRuns.contains(runId)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The open objects of one entity of a run that no thread is appending to, and how many were begun. */
    private static final class EntityParts {
        final Deque<ArchivePart> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger numbered = new AtomicInteger();
    }
}
