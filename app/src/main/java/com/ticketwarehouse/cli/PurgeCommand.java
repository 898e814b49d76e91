package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

@Command(name = "purge", description = "Remove the lake's raw archives, manifests and tables (asks first).")
final class PurgeCommand extends PipelineCommand {
    @Option(names = "--yes", description = "do not ask for confirmation")
    boolean yes;

    @Override
    int run(Pipeline pipeline) {
        if (!confirmed(yes, "This removes every raw archive and table of the lake. Type 'yes' to go on: ")) {
            System.err.println("tw: purge cancelled; nothing was removed");
            return 1;
        }
        System.out.print(pipeline.call("purge", null, Map.of(), String.class));
        return 0;
    }

    static boolean confirmed(boolean yes, String question) {
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
