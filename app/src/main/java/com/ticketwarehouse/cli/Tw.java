package com.ticketwarehouse.cli;

import com.ticketwarehouse.archive.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/** {@code ./tw}: the command line of Ticket Warehouse. Each command drives a route of the pipeline. */
@Command(name = "tw", mixinStandardHelpOptions = true, version = "Ticket Warehouse 0.1.0",
        description = "Ticketsauce and Stripe into a data lake: load, crawl, transform, query.",
        subcommands = {LoadCommand.class, CrawlCommand.class, TransformCommand.class, PurgeCommand.class, ResetCommand.class,
                QueryCommand.class, DemoCommand.class, SimulateCommand.class, EmulateCommand.class, BenchmarkCommand.class, StatusCommand.class, InvokeCommand.class,
                ServeCommand.class, QuickSightCommand.class,
                RunCommand.class, JobsCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Tw implements Runnable {
    @Option(names = "--env", scope = ScopeType.INHERIT, description = "a deployed environment (development, staging, production): "
            + "the aws target's settings from its stack's outputs (needs --target aws and AWS credentials)")
    String env;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Tw());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            err.println("tw: error: " + Failures.oneLine(e));
            err.flush();
            return 1;
        });
        // bad input is one line, like every other error; the usage is one command away
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("tw: error: " + e.getMessage() + " (see ./tw help" + (command.getParent() == null ? "" : " " + command.getCommandName()) + ")");
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }
}
