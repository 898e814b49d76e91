package com.ticketwarehouse.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.ObjectStore;

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

/**
 * The lease that makes a runner the only one on its lake: a state file naming its holder (host and
 * pid), renewed while it runs and removed when it stops. A lease whose holder ran on this host and
 * is gone (killed with -9, out of memory) is free at once, so a service manager can restart a
 * runner right after a crash; a lease not renewed within its time is taken to be of a runner that
 * died elsewhere. It lives in the lake, so it works the same on a folder and on S3; every write is
 * conditional on the version read (S3's If-None-Match and If-Match), so of two runners that read
 * the same lease only one can take it, and a runner whose lease was taken learns it at its next renewal.
 */
public final class RunnerLease {
    static final String STATE = "runner.lease";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The leases runners of this process hold: alive, though their pid is ours. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Lake lake;
    private final Duration ttl;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final String holder = "pid " + ProcessHandle.current().pid() + " on " + RunLiveness.thisProcess().get("host");
    private volatile String version;

    public RunnerLease(Lake lake, Duration ttl, Clock clock) {
        this.lake = lake;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes the lease, or fails with one line naming the runner that holds it. */
    public void acquire() {
        Optional<ObjectStore.Versioned> held = lake.readStateVersioned(STATE);
        refuseIfHeld(held);
        HELD_HERE.add(owner);
        Optional<String> written = lake.writeStateIf(STATE, lease(), held.map(ObjectStore.Versioned::version).orElse(null));
        if (written.isEmpty()) {
            HELD_HERE.remove(owner);
            // another runner wrote the lease between this one's read and write
            refuseIfHeld(lake.readStateVersioned(STATE));
            throw new IllegalStateException("another runner took this lake's lease as this one started; stop it first");
        }
        version = written.get();
    }

    private void refuseIfHeld(Optional<ObjectStore.Versioned> lease) {
        Optional<JsonNode> held = lease.map(ObjectStore.Versioned::content).map(RunnerLease::parse);
        if (held.isEmpty() || owner.equals(held.get().path("owner").asText())) {
            return;
        }
        if (!HELD_HERE.contains(held.get().path("owner").asText()) && RunLiveness.processGone(held.get())) {
            return;
        }
        Instant renewed = Instant.parse(held.get().path("renewed_at").asText());
        Duration age = Duration.between(renewed, clock.instant());
        if (age.compareTo(ttl) < 0) {
            throw new IllegalStateException("another runner (" + held.get().path("holder").asText() + ") runs on this lake: its lease was renewed "
                    + Math.max(0, age.toSeconds()) + " s ago; stop it first");
        }
    }

    /** Renews the lease; false when another runner has taken it meanwhile (this one paused longer than the lease's time). */
    public boolean renew() {
        Optional<String> written = lake.writeStateIf(STATE, lease(), version);
        written.ifPresent(v -> version = v);
        return written.isPresent();
    }

    public void release() {
        HELD_HERE.remove(owner);
        Optional<JsonNode> held = lake.readState(STATE).map(RunnerLease::parse);
        if (held.isPresent() && owner.equals(held.get().path("owner").asText())) {
            lake.deleteState(STATE);
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
