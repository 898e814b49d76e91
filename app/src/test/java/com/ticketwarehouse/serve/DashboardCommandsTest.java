package com.ticketwarehouse.serve;

import com.ticketwarehouse.cli.Tw;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** ./tw serve and ./tw quicksight refuse what they cannot do in one line, before reaching anything. */
class DashboardCommandsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(stderr);
    }

    @Test
    void other_commands_load_neither_the_dashboard_server_nor_the_quicksight_steps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path lake) {
        try (com.ticketwarehouse.runtime.Pipeline pipeline = com.ticketwarehouse.runtime.Pipeline.start(java.util.Map.of("tw.lake.dir", lake.toString()))) {
            assertThat(pipeline.context().getRoutes()).extracting(r -> r.getRouteId())
                    .contains("transform", "quicksight-ingest", "quicksight-tables-as-of", "quicksight-staleness")
                    .noneMatch(id -> id.startsWith("dashboard-") || (id.startsWith("quicksight-")
                            && !java.util.Set.of("quicksight-ingest", "quicksight-tables-as-of", "quicksight-staleness").contains(id)));
            assertThat(pipeline.context().hasComponent("platform-http")).isNull();
        }
    }

    @Test
    void serve_shows_the_local_lake_only() {
        assertThat(Tw.run("serve", "--target", "aws")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tw: error: serve shows the local lake; on the aws target the dashboards "
                + "are QuickSight's: ./tw quicksight all" + System.lineSeparator());
    }

    @Test
    void quicksight_names_its_steps_and_its_target() {
        assertThat(Tw.run("quicksight", "everything")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tw: error: unknown quicksight step 'everything': "
                + "use one of source, datasets, dashboards, all, delete" + System.lineSeparator());
        err.reset();
        assertThat(Tw.run("quicksight", "all", "--target", "local")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tw: error: QuickSight reads the marts of the aws target: "
                + "leave out --target or use --target aws" + System.lineSeparator());
    }
}
