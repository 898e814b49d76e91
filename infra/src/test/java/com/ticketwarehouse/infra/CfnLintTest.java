package com.ticketwarehouse.infra;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every synthesized template through cfn-lint (PyPI): an error fails; without cfn-lint this fails,
 * saying how to install it. Tagged like the other tests that need a program from outside Maven.
 */
@Tag("emulators")
class CfnLintTest {
    static final String INSTALL = "cfn-lint is needed for the infra tests: pip install cfn-lint==" + PipelineStack.CFN_LINT_VERSION;

    @Test
    void every_template_passes_cfn_lint() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        try (Stream<Path> files = Files.walk(Synthesized.app().outdir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".template.json")).map(Path::toString).forEach(command::add);
        }
        assertThat(command).hasSize(3 + 4);
        Process lint;
        try {
            lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(INSTALL);
            return;
        }
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = lint.waitFor();
        // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 is its own failure
        assertThat(exit & 3).as("cfn-lint exited " + exit + ":\n" + report).isZero();
        // parseable: one finding a line, file:line:col:...:rule:message; only warnings or information may remain
        assertThat(report.lines().filter(l -> l.matches(".*:E\\d+:.*"))).as(report).isEmpty();
    }
}
