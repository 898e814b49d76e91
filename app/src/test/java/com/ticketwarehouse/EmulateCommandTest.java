package com.ticketwarehouse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What ./tw emulate needs beside the JDK 17 is named in one line, before any download or server starts. */
class EmulateCommandTest {
    @Test
    void without_moto_it_says_how_to_install_it() {
        TwProcess emulate = TwProcess.run(Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent"), List.of(), "emulate");
        assertThat(emulate.exit()).isEqualTo(1);
        assertThat(emulate.err()).isEqualTo("tw: error: no moto_server on PATH: moto is needed for the aws emulators: "
                + "pip install 'moto[server]==5.2.1'" + System.lineSeparator());
        assertThat(emulate.out()).isEmpty();
    }

    @Test
    @Tag("emulators")
    void without_a_jdk_for_trino_it_names_the_setting() {
        TwProcess emulate = TwProcess.run(Map.of("TW_TRINO_JAVA_HOME", "/nonexistent/jdk"), List.of(), "emulate");
        assertThat(emulate.exit()).isEqualTo(1);
        assertThat(emulate.err()).isEqualTo("tw: error: Trino needs a JDK 24 or newer: none at /nonexistent/jdk "
                + "(set TW_TRINO_JAVA_HOME=<jdk>)" + System.lineSeparator());
    }
}
