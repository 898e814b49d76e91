package com.ticketwarehouse.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load: its id, what it asked for and what it did. Its manifest is the only proof that a run
 * finished, so the files of a run without a complete manifest are never taken as data.
 */
public final class LoadRun {
    /** A stopped run ran out of time (it reached its deadline) and, like a failed one, is not complete. */
    public static final String RUNNING = "running", COMPLETE = "complete", FAILED = "failed", STOPPED = "stopped";
    /** The time a run id begins with (UTC, to the second): ids sort as the runs began. */
    public static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The manifest's field naming the fields archived that no raw table defines. */
    public static final String UNDEFINED_FIELDS = "undefined_fields";
    private static final ObjectMapper JSON = new ObjectMapper();
    // not ThreadLocalRandom: a seed captured in a Lambda SnapStart snapshot would repeat in every
    // container restored from it; SecureRandom is reseeded on restore
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final Instant startedAt;
    // the run's id and started_at name its second; its duration counts from the instant itself
    private final Instant began;
    private final long beganNanos;
    private final String sources;
    private final TimeRange range;
    private final Map<String, Counts> entities = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> undefinedFields = new ConcurrentHashMap<>();
    private final Increment increment;
    private volatile Instant finishedAt;
    private volatile String status = RUNNING;
    private volatile String error;
    private volatile Instant deadline;
    private volatile Instant heartbeatAt;
    private volatile long heartbeatSeconds;
    private volatile String interruption;

    public LoadRun(Instant startedAt, String sources, TimeRange range) {
        this(startedAt, sources, range, null);
    }

    /**
     * What a run of one source reads beyond its time range (a sync's increment, read from the
     * watermarks of the last complete one), and why: its manifest notes it under the source's name.
     */
    public interface Increment {
        String source();

        String note();
    }

    /** @param increment what a sync reads beyond the time range; null for a load, which reads the time range */
    public LoadRun(Instant startedAt, String sources, TimeRange range, Increment increment) {
        this.startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
        this.began = startedAt;
        this.beganNanos = System.nanoTime();
        this.id = ID_TIME.format(this.startedAt) + "-" + Integer.toHexString(0x1000 + RANDOM.nextInt(0xF000));
        this.sources = sources;
        this.range = range;
        this.increment = increment;
    }

    /** What this run reads beyond its time range; null for a load. */
    public Increment increment() {
        return increment;
    }

    /** Records fetched, and records (new or changed), objects (files) and gzip bytes archived, for one source and entity. */
    public static final class Counts {
        public final AtomicLong fetched = new AtomicLong(), records = new AtomicLong(), files = new AtomicLong(), bytes = new AtomicLong();
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String loadDate() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    public TimeRange range() {
        return range;
    }

    public boolean includes(String source) {
        return "all".equals(sources) || sources.equals(source);
    }

    public String status() {
        return status;
    }

    /** The time after which the run takes no new page (the end of a Lambda invocation, less a margin); none by default. */
    public void stopTakingPagesAt(Instant deadline) {
        this.deadline = deadline;
    }

    /** Called before each page: past the deadline, the run stops here and is marked {@link #STOPPED}, never complete. */
    public void requireTimeForAnotherPage() {
        Instant at = deadline;
        if (at != null && !Instant.now().isBefore(at)) {
            throw new RunStopped("run " + id + " stopped taking pages at its deadline " + at
                    + " (the invocation's time was running out); it is not complete: the next run reads its range again");
        }
    }

    public void countRequest(String api) {
        requests.computeIfAbsent(api, k -> new AtomicLong()).incrementAndGet();
    }

    /** A top-level field of an archived record that the entity's raw table does not define. */
    public void sawUndefinedField(String entity, String field) {
        undefinedFields.computeIfAbsent(entity, k -> ConcurrentHashMap.newKeySet()).add(field);
    }

    /** The fields archived records held that no raw table defines, by entity. */
    public Map<String, Set<String>> undefinedFields() {
        Map<String, Set<String>> sorted = new TreeMap<>();
        undefinedFields.forEach((entity, fields) -> sorted.put(entity, new TreeSet<>(fields)));
        return sorted;
    }

    /** Records fetched, archived or not. */
    public void countFetched(String source, String entity, int records) {
        counts(source, entity).fetched.addAndGet(records);
    }

    /** Records archived (appended to an open object; counted as they come, to show progress). */
    public void countRecords(String source, String entity, int records) {
        counts(source, entity).records.addAndGet(records);
    }

    /** Gzip bytes written, as they are written (to show progress). */
    public void countBytes(String source, String entity, long bytes) {
        counts(source, entity).bytes.addAndGet(bytes);
    }

    /** An archive object stored whole, with the bytes its end added. */
    public void countObject(String source, String entity, long lastBytes) {
        Counts counts = counts(source, entity);
        counts.files.incrementAndGet();
        counts.bytes.addAndGet(lastBytes);
    }

    private Counts counts(String source, String entity) {
        return entities.computeIfAbsent(source + "/" + entity, k -> new Counts());
    }

    public Map<String, Counts> entities() {
        return new TreeMap<>(entities);
    }

    public long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long fetched() {
        return entities.values().stream().mapToLong(c -> c.fetched.get()).sum();
    }

    /** Records archived: those fetched that were new or had changed. */
    public long records() {
        return entities.values().stream().mapToLong(c -> c.records.get()).sum();
    }

    public long bytes() {
        return entities.values().stream().mapToLong(c -> c.bytes.get()).sum();
    }

    public Duration elapsed() {
        return Duration.between(began, finishedAt == null ? now() : finishedAt);
    }

    /** Now by the clock the run began by (the pipeline's, which the aging benchmark moves), ticking with the system's. */
    private Instant now() {
        return began.plusNanos(System.nanoTime() - beganNanos);
    }

    /** When the run ended; null while it runs. */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** The run is alive at this instant and says so again every so many seconds (see {@link RunLiveness}). */
    void beat(Instant now, long everySeconds) {
        this.heartbeatAt = now;
        this.heartbeatSeconds = everySeconds;
    }

    /** Asks the run to stop at its next safe point: before its next request. */
    void interrupt(String why) {
        this.interruption = why;
    }

    /** A safe point: throws once the run was asked to stop, so that no further request is made. */
    public void requireNotInterrupted() {
        String why = interruption;
        if (why != null) {
            throw new LoadInterruptedException(why);
        }
    }

    public void finish(String status, String error) {
        this.finishedAt = now();
        this.status = status;
        this.error = error;
    }

    public String error() {
        return error;
    }

    public byte[] manifestJson() {
        ObjectNode manifest = JSON.createObjectNode()
                .put("run_id", id)
                .put("status", status)
                .put("sources", sources)
                .put("time_range", range.name())
                .put("events_from", String.valueOf(range.eventsFrom()))
                .put("events_before", String.valueOf(range.eventsBefore()))
                .put("started_at", startedAt.toString())
                .put("finished_at", finishedAt == null ? null : finishedAt.toString())
                .put("duration_ms", elapsed().toMillis())
                .put("requests", requests())
                .put("fetched", fetched())
                .put("records", records())
                .put("bytes", bytes())
                .put("error", error)
                .put("host", RunLiveness.HOST)
                .put("pid", RunLiveness.PID)
                .put("heartbeat_at", heartbeatAt == null ? null : heartbeatAt.toString())
                .put("heartbeat_seconds", heartbeatSeconds);
        if (increment != null) {
            manifest.put(increment.source(), increment.note());
        }
        ObjectNode byEntity = manifest.putObject("entities");
        entities().forEach((name, c) -> byEntity.putObject(name)
                .put("fetched", c.fetched.get()).put("records", c.records.get()).put("files", c.files.get()).put("bytes", c.bytes.get()));
        if (!undefinedFields.isEmpty()) {
            ObjectNode undefined = manifest.putObject(UNDEFINED_FIELDS);
            undefinedFields().forEach((entity, fields) -> fields.forEach(undefined.putArray(entity)::add));
        }
        ObjectNode byApi = manifest.putObject("requests_by_api");
        new TreeMap<>(requests).forEach((api, n) -> byApi.put(api, n.get()));
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
