package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.RunLiveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A lease that makes one process the only one doing something on its lake (running the jobs, transforming):
 * a state file naming its holder (host and pid), renewed while it holds it and removed when it is done.
 * A lease whose holder ran on this host and is gone (killed with -9, out of memory) is free at once, so a
 * service manager can restart right after a crash; a lease not renewed within its time is taken to be of a
 * process that died elsewhere (a Lambda function stopped at its timeout). It lives in the lake, so it works
 * the same on a folder and on S3; every write is conditional on the version read (S3's If-None-Match and
 * If-Match), so of two processes that read the same lease only one can take it, and one whose lease was
 * taken learns it at its next renewal.
 */
public final class LakeLease {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The leases of this process: alive, though their pid is ours. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final LakeFiles files;
    private final String name;
    private final String what;
    private final String refusal;
    private final Duration ttl;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final String holder = "pid " + ProcessHandle.current().pid() + " on " + RunLiveness.thisProcess().get("host");
    private volatile String version;

    /**
     * @param name    the state file
     * @param what    what its holder is, as a refusal names it ("runner")
     * @param refusal what a refusal tells the person to do, or what it did ("stop it first")
     */
    public LakeLease(LakeFiles files, String name, String what, String refusal, Duration ttl, Clock clock) {
        this.files = files;
        this.name = name;
        this.what = what;
        this.refusal = refusal;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes the lease, or fails with one line naming the process that holds it. */
    public void acquire() {
        Optional<ObjectStore.Versioned> held = files.readStateVersioned(name);
        refuseIfHeld(held);
        HELD_HERE.add(owner);
        Optional<String> written = files.writeStateIf(name, lease(), held.map(ObjectStore.Versioned::version).orElse(null));
        if (written.isEmpty()) {
            HELD_HERE.remove(owner);
            // another process wrote the lease between this one's read and write
            refuseIfHeld(files.readStateVersioned(name));
            throw new LakeException("another " + what + " took this lake's lease as this one started; " + refusal);
        }
        version = written.get();
    }

    private void refuseIfHeld(Optional<ObjectStore.Versioned> lease) {
        Optional<JsonNode> held = lease.map(ObjectStore.Versioned::content).map(LakeLease::parse);
        if (held.isEmpty() || owner.equals(held.get().path("owner").asText())) {
            return;
        }
        if (!HELD_HERE.contains(held.get().path("owner").asText()) && RunLiveness.processGone(held.get())) {
            return;
        }
        Instant renewed = Instant.parse(held.get().path("renewed_at").asText());
        Duration age = Duration.between(renewed, clock.instant());
        if (age.compareTo(ttl) < 0) {
            throw new LakeException("another " + what + " (" + held.get().path("holder").asText() + ") runs on this lake: its lease was renewed "
                    + Math.max(0, age.toSeconds()) + " s ago; " + refusal);
        }
    }

    /** Renews the lease; false when another process has taken it meanwhile (this one paused longer than the lease's time). */
    public boolean renew() {
        Optional<String> written = files.writeStateIf(name, lease(), version);
        written.ifPresent(v -> version = v);
        return written.isPresent();
    }

    public void release() {
        HELD_HERE.remove(owner);
        Optional<JsonNode> held = files.readState(name).map(LakeLease::parse);
        if (held.isPresent() && owner.equals(held.get().path("owner").asText())) {
            files.deleteState(name);
        }
    }

    /** Does the work holding the lease, renewed a third of its time while it lasts; takes it first, or fails as {@link #acquire} does. */
    public <T> T holding(Supplier<T> work) {
        acquire();
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tw-lease-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long renewEvery = Math.max(1, ttl.toMillis() / 3);
        renewals.scheduleAtFixedRate(this::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } finally {
            renewals.shutdownNow();
            release();
        }
    }

    public Duration ttl() {
        return ttl;
    }

    private byte[] lease() {
        Map<String, Object> lease = new LinkedHashMap<>(Map.of("owner", owner, "holder", holder, "renewed_at", clock.instant().toString()));
        lease.putAll(RunLiveness.thisProcess());
        try {
            return JSON.writeValueAsBytes(lease);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a lease cut short by a crash is no lease
            return JSON.createObjectNode().put("renewed_at", Instant.EPOCH.toString());
        }
    }
}
