package com.ticketwarehouse.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.LakeLease;
import com.ticketwarehouse.lake.LeaseRaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's lease on a lake: one holder at a time, freed at once when its holder is gone from this host. */
class RunnerLeaseTest {
    static final Duration TTL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    Lake lake() {
        return new DuckDbLake(dir, List.of(), ".writing-");
    }

    LakeLease lease(Lake lake) {
        return Runner.lease(lake, TTL, Clock.systemUTC());
    }

    @Test
    void of_two_runners_starting_at_once_exactly_one_takes_the_lake_and_the_other_says_why_in_one_line() throws Exception {
        Lake lake = lake();
        for (int round = 0; round < 20; round++) {
            LakeLease a = lease(lake), b = lease(lake);
            List<String> outcomes = LeaseRaces.acquireAtOnce(List.of(a, b));
            assertThat(outcomes).as("round " + round).containsOnlyOnce("taken");
            String refusal = outcomes.stream().filter(o -> !o.equals("taken")).findFirst().orElseThrow();
            assertThat(refusal).doesNotContain("\n").matches("another runner (\\(pid \\d+ on .+\\) runs on this lake: its lease was renewed 0 s ago"
                    + "|took this lake's lease as this one started); stop it first");
            a.release();
            b.release();
        }
    }

    @Test
    void a_lease_whose_holder_is_gone_from_this_host_is_taken_at_once_and_its_holder_learns_it_at_its_renewal() throws Exception {
        Lake lake = lake();
        // a runner killed with -9 a moment ago: its process is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        lake.writeState(Runner.LEASE, new ObjectMapper().writeValueAsBytes(Map.of("owner", "killed", "holder", "pid " + gone.pid() + " on " + host,
                "host", host, "pid", gone.pid(), "renewed_at", Instant.now().toString())));
        LakeLease restarted = lease(lake);
        restarted.acquire();
        assertThat(new String(lake.readState(Runner.LEASE).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"pid\":" + ProcessHandle.current().pid());

        // a lease renewed a moment ago by a live runner elsewhere is refused
        lake.writeState(Runner.LEASE, new ObjectMapper().writeValueAsBytes(Map.of("owner", "elsewhere", "holder", "pid 7 on another-host",
                "host", "another-host", "pid", 7, "renewed_at", Instant.now().toString())));
        assertThatThrownBy(() -> lease(lake).acquire()).hasMessage("another runner (pid 7 on another-host) runs on this lake: "
                + "its lease was renewed 0 s ago; stop it first");
        assertThat(restarted.renew()).as("the lease was taken from it").isFalse();
    }
}
