package com.ticketwarehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An option on the command line wins over the environment, which wins over application.properties:
 * a variable named like a setting does not override what the user typed (Camel's default would let
 * TW_LAKE_DIR win over --lake, and a command meant for one lake would read or write another).
 */
class SettingPrecedenceTest {
    @TempDir
    Path dir;

    @Test
    void the_lake_option_wins_over_tw_lake_dir_and_the_other_lake_is_left_untouched() throws IOException {
        Path fromEnvironment = Files.createDirectories(dir.resolve("from-environment"));
        Path fromOption = dir.resolve("from-option");
        TwProcess status = TwProcess.run(Map.of("TW_LAKE_DIR", fromEnvironment.toString()), List.of(), "status", "--lake", fromOption.toString());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("lake: " + fromOption);
        try (Stream<Path> files = Files.list(fromEnvironment)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void tw_lake_dir_is_the_lake_when_no_option_names_one() throws IOException {
        Path fromEnvironment = Files.createDirectories(dir.resolve("from-environment"));
        TwProcess status = TwProcess.run(Map.of("TW_LAKE_DIR", fromEnvironment.toString()), List.of(), "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("lake: " + fromEnvironment);
    }

    @Test
    void the_target_option_wins_over_tw_target() {
        Path lake = dir.resolve("local");
        TwProcess status = TwProcess.run(Map.of("TW_TARGET", "aws"), List.of(), "status", "--target", "local", "--lake", lake.toString());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("lake: " + lake);
    }
}
