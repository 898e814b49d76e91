package com.ticketwarehouse.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.lake.Lake;

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
 * died elsewhere. It lives in the lake, so it works the same on a folder and on S3.
 */
public final class RunnerLease {
    static final String STATE = "runner.lease";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lake lake;
    private final Duration ttl;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final String holder = "pid " + ProcessHandle.current().pid() + " on " + RunLiveness.thisProcess().get("host");
    /** The leases runners of this process hold: alive, though their pid is ours. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    public RunnerLease(Lake lake, Duration ttl, Clock clock) {
        this.lake = lake;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes the lease, or fails with one line naming the runner that holds it. */
    public void acquire() throws InterruptedException {
        refuseIfHeld();
        HELD_HERE.add(owner);
        try {
            renew();
            // two runners starting at once both wrote: the one whose lease is read back wins
            Thread.sleep(200);
            refuseIfHeld();
        } catch (RuntimeException | InterruptedException e) {
            HELD_HERE.remove(owner);
            throw e;
        }
    }

    private void refuseIfHeld() {
        Optional<JsonNode> held = lake.readState(STATE).map(RunnerLease::parse);
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

    public void renew() {
        try {
            Map<String, Object> lease = new LinkedHashMap<>(Map.of("owner", owner, "holder", holder, "renewed_at", clock.instant().toString()));
            lease.putAll(RunLiveness.thisProcess());
            lake.writeState(STATE, JSON.writeValueAsBytes(lease));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a lease cut short by a crash is no lease
            return JSON.createObjectNode().put("renewed_at", Instant.EPOCH.toString());
        }
    }
}
