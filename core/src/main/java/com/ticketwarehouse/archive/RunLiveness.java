package com.ticketwarehouse.archive;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a load that is still at work from one whose process is gone (killed, out of memory, the
 * machine lost). A running load's manifest names its host and process and is rewritten every few
 * seconds (its heartbeat), so this works wherever the manifest lies, a folder or S3: a running
 * run is abandoned when its heartbeat is older than {@value #MISSED_BEATS} beats, or at once when
 * its process ran on this host and is gone.
 */
public final class RunLiveness {
    public static final String ABANDONED = "abandoned";
    static final String HOST = hostName();
    static final long PID = ProcessHandle.current().pid();
    static final int MISSED_BEATS = 3;
    /** The beat assumed for a manifest that names none (one written before heartbeats). */
    static final long DEFAULT_BEAT_SECONDS = 10;
    /** The runs this process is loading now: alive whatever their manifests say. */
    private static final Set<String> OWN = ConcurrentHashMap.newKeySet();

    private RunLiveness() {
    }

    /** A run this process is at work on (a load, a compaction): alive whatever its manifest says. */
    public static void own(String runId) {
        OWN.add(runId);
    }

    public static void disown(String runId) {
        OWN.remove(runId);
    }

    /** The status to show for a manifest: its own, except that a running run whose process is gone is abandoned. */
    public static String status(JsonNode manifest, Instant now) {
        String status = manifest.path("status").asText();
        if (!LoadRun.RUNNING.equals(status) || OWN.contains(manifest.path("run_id").asText())) {
            return status;
        }
        Instant lastBeat = instant(manifest.path("heartbeat_at").asText(manifest.path("started_at").asText("")));
        long beat = manifest.path("heartbeat_seconds").asLong(0) > 0 ? manifest.path("heartbeat_seconds").asLong() : DEFAULT_BEAT_SECONDS;
        if (lastBeat == null || Duration.between(lastBeat, now).getSeconds() > MISSED_BEATS * beat) {
            return ABANDONED;
        }
        return processGone(manifest) ? ABANDONED : status;
    }

    /**
     * Whether the process a record names ({@code host} and {@code pid}: a run's manifest, the
     * runner's lease) is provably gone: it ran on this host and its pid is not alive. Our own pid
     * counts as gone, for a record this process did not write: an earlier process had the pid.
     */
    public static boolean processGone(JsonNode record) {
        if (!HOST.equals(record.path("host").asText()) || !record.path("pid").canConvertToLong()) {
            return false;
        }
        long pid = record.path("pid").asLong();
        return pid == PID || !alive(pid);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * This process as a temporary file's name says it ({@code w<pid>-<host's hash>}), so that a leftover
     * of a process that was killed while writing can be told from one still being written.
     */
    public static String writerTag() {
        return WRITER_TAG;
    }

    private static final String HOST_HASH = Integer.toHexString(HOST.hashCode());
    private static final String WRITER_TAG = "w" + PID + "-" + HOST_HASH;
    private static final Pattern WRITER = Pattern.compile("w(\\d+)-([0-9a-f]+)-");

    /**
     * Whether the file name's writer ({@link #writerTag}) is provably gone: it ran on this host and its pid is not
     * alive. A name without a writer, or this process's own, is not: it may be being written now.
     */
    public static boolean writerGone(String fileName) {
        Matcher writer = WRITER.matcher(fileName);
        if (!writer.find() || !writer.group(2).equals(HOST_HASH)) {
            return false;
        }
        long pid = Long.parseLong(writer.group(1));
        return pid != PID && !alive(pid);
    }

    /** This process, as {@link #processGone} reads it back. */
    public static Map<String, Object> thisProcess() {
        return Map.of("host", HOST, "pid", PID);
    }

    /**
     * Whether the process of a run may still be writing into the run's folder: only a run shown as
     * running. With no manifest yet (its first one may be being written), an unfinished write is
     * left alone for as long as a missed heartbeat would take.
     */
    public static boolean mayStillWrite(JsonNode manifestOrNull, Instant leftoverWritten, Instant now) {
        if (manifestOrNull == null) {
            return Duration.between(leftoverWritten, now).getSeconds() <= MISSED_BEATS * DEFAULT_BEAT_SECONDS;
        }
        return LoadRun.RUNNING.equals(status(manifestOrNull, now));
    }

    /** The run id of an archive key or path: its {@code run_id=} folder, or null. */
    public static String runIdOf(String key) {
        for (String part : key.split("/")) {
            if (part.startsWith("run_id=")) {
                return part.substring("run_id=".length());
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
