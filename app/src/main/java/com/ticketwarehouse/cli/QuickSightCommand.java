package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.runtime.RouteFolders;
import com.ticketwarehouse.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "quicksight", description = "Make QuickSight match dashboards/*.yaml on the aws target: the Athena data source, "
        + "a data set per mart, the dashboards and their analyses; or delete this environment's.")
public final class QuickSightCommand extends PipelineCommand {
    static final List<String> STEPS = List.of("source", "datasets", "dashboards", "all", "delete");
    /** Only this command loads the routes of the steps. */
    public static final String ROUTES = "classpath:routes/quicksight/*.yaml";

    @Parameters(paramLabel = "STEP", description = "source, datasets, dashboards, all or delete")
    String step;

    @Override
    Map<String, String> overrides() {
        if (!STEPS.contains(step)) {
            throw new IllegalArgumentException("unknown quicksight step '" + step + "': use one of " + String.join(", ", STEPS));
        }
        if (target != null && !Settings.AWS.equals(target)) {
            throw new IllegalArgumentException("QuickSight reads the marts of the aws target: leave out --target or use --target aws");
        }
        target = Settings.AWS;
        Map<String, String> overrides = super.overrides();
        overrides.putAll(RouteFolders.including(ROUTES));
        return overrides;
    }

    @Override
    int run(Pipeline pipeline) {
        return printReport(pipeline, "quicksight-" + step, Map.of());
    }
}
