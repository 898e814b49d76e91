package com.ticketwarehouse.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.lake.Lake;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lease that makes a runner the only one on its lake: a state file naming its holder, renewed
 * while it runs and removed when it stops. A lease not renewed within its time is taken to be of a
 * runner that died, so a crash never locks the lake for good. It lives in the lake, so it works
 * the same on a folder and on S3.
 */
public final class RunnerLease {
    static final String STATE = "runner.lease";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lake lake;
    private final Duration ttl;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final String holder = "pid " + ManagementFactory.getRuntimeMXBean().getPid() + " on " + host();

    public RunnerLease(Lake lake, Duration ttl, Clock clock) {
        this.lake = lake;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes the lease, or fails with one line naming the runner that holds it. */
    public void acquire() throws InterruptedException {
        refuseIfHeld();
        renew();
        // two runners starting at once both wrote: the one whose lease is read back wins
        Thread.sleep(200);
        refuseIfHeld();
    }

    private void refuseIfHeld() {
        Optional<JsonNode> held = lake.readState(STATE).map(RunnerLease::parse);
        if (held.isEmpty() || owner.equals(held.get().path("owner").asText())) {
            return;
        }
        Instant renewed = Instant.parse(held.get().path("renewed_at").asText());
        Duration age = Duration.between(renewed, clock.instant());
        if (age.compareTo(ttl) < 0) {
            throw new IllegalStateException("another runner (" + held.get().path("holder").asText() + ") runs on this lake: its lease was renewed "
                    + Math.max(0, age.toSeconds()) + " s ago; stop it first (a runner that died frees the lake " + ttl.toSeconds() + " s after its last renewal)");
        }
    }

    public void renew() {
        try {
            lake.writeState(STATE, JSON.writeValueAsBytes(Map.of("owner", owner, "holder", holder, "renewed_at", clock.instant().toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void release() {
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

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }
}
