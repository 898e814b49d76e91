package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** A command that starts the pipeline, does its work through the routes, and stops it. */
abstract class PipelineCommand implements Callable<Integer> {
    @Option(names = "--lake", description = "the lake folder of the local target (default: TW_LAKE_DIR or ./warehouse)")
    String lake;

    @Option(names = "--target", description = "local or aws (default: TW_TARGET or local)")
    String target;

    @ParentCommand
    Tw tw;

    /** Settings this command sets over the configuration; subclasses add theirs. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (tw != null && tw.env != null) {
            String effective = target != null ? target : System.getenv().getOrDefault("TW_TARGET", Settings.LOCAL);
            if (!Settings.AWS.equals(effective)) {
                throw new IllegalArgumentException("--env names a deployed environment: use it with --target aws");
            }
            overrides.putAll(DeployedStack.settings(tw.env));
        }
        if (target != null) {
            overrides.put("tw.target", target);
        }
        if (lake != null) {
            overrides.put("tw.lake.dir", lake);
        }
        return overrides;
    }

    @Override
    public Integer call() {
        try (Pipeline pipeline = Pipeline.start(overrides())) {
            return run(pipeline);
        }
    }

    abstract int run(Pipeline pipeline);

    /** Calls a route and prints the report it answers on standard output: the whole work of most commands. */
    static int printReport(Pipeline pipeline, String route, Map<String, Object> headers) {
        System.out.print(pipeline.call(route, null, headers, String.class));
        return 0;
    }
}
