package com.ticketwarehouse.cli;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

@Command(name = "load", description = "Extract from the APIs into the lake's raw archive (a new run; nothing is overwritten).")
final class LoadCommand extends PipelineCommand {
    @Option(names = "--source", defaultValue = "all", description = "ticketsauce, stripe or all (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--time-range", defaultValue = "all", description = "all, current (events from yesterday to two days ahead), "
            + "upcoming (from yesterday on), recent (the last 45 days to yesterday); default: ${DEFAULT-VALUE}")
    String timeRange;

    @Option(names = "--from", description = "first day (YYYY-MM-DD), instead of --time-range")
    String from;

    @Option(names = "--to", description = "last day (YYYY-MM-DD), instead of --time-range")
    String to;

    @Override
    int run(Pipeline pipeline) {
        LoadRun run = load(pipeline, source, timeRange, from, to);
        return report(run);
    }

    static LoadRun load(Pipeline pipeline, String source, String timeRange, String from, String to) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Loads.SOURCE, source);
        headers.put(Loads.TIME_RANGE, timeRange);
        if (from != null) {
            headers.put(Loads.FROM, from);
        }
        if (to != null) {
            headers.put(Loads.TO, to);
        }
        return pipeline.call("load", null, headers, LoadRun.class);
    }

    /** Prints the run's summary; a failed run is an error line and exit code 1. */
    static int report(LoadRun run) {
        System.out.printf("load %s %s: %,d records, %,d requests, %.1f MB archived in %.1f s%n", run.id(), run.status(),
                run.records(), run.requests(), run.bytes() / 1e6, run.elapsed().toMillis() / 1000.0);
        run.entities().forEach((entity, counts) -> System.out.printf("  %-32s %,10d records in %,6d files%n",
                entity, counts.records.get(), counts.files.get()));
        if (!LoadRun.COMPLETE.equals(run.status())) {
            System.err.println("tw: error: load " + run.id() + " failed and is marked so (its files are never taken as data): " + run.error());
            return 1;
        }
        return 0;
    }
}
