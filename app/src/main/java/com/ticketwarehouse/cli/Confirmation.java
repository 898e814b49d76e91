package com.ticketwarehouse.cli;

import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** The {@code --yes} of a command that removes data, and the question it answers beforehand (a picocli mixin). */
final class Confirmation {
    @Option(names = "--yes", description = "do not ask for confirmation")
    boolean yes;

    /** Whether to go on: --yes, or 'yes' typed in answer to the question on standard input. */
    boolean given(String question) {
        if (yes) {
            return true;
        }
        System.err.print(question);
        System.err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().equalsIgnoreCase("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
