package com.ticketwarehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ticketwarehouse.StandardStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AgingBenchmarkTest {
    @RegisterExtension
    final StandardStreams streams = new StandardStreams();

    @Test
    void three_days_leave_the_runs_of_three_days_of_five_minute_syncs_and_the_simulators_orders(@TempDir Path lake) throws IOException {
        int status = AgingBenchmark.run("small", 42, 3, 1, 7, Set.of(), 1, Map.of("tw.lake.dir", lake.toString()));

        assertThat(status).as("the lake's orders equal the simulators' for the year's windows: " + streams.err()).isZero();
        assertThat(streams.out()).contains("| 1 | 5 min |").contains("| 1 | 1 h |").contains("| 3 | 5 min |").contains("| 3 | 1 h |")
                .contains("15-minute slots of the last 30 days in which Stripe made something");
        List<JsonNode> manifests;
        try (Stream<Path> files = Files.walk(lake.resolve("manifests"))) {
            JsonMapper json = JsonMapper.builder().build();
            manifests = files.filter(f -> f.getFileName().toString().equals("manifest.json")).map(f -> {
                try {
                    return json.readTree(f.toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        // about two days of 5-minute slots between the first sync and the last filled slot, each a run, and the compactions
        assertThat(manifests).hasSizeBetween(2 * 288, 3 * 288);
        assertThat(manifests.stream().filter(m -> m.path("records").asLong() == 0)).as("the unchanged syncs' runs").hasSizeGreaterThan(2 * 280);
    }
}
