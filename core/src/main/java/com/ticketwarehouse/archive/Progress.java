package com.ticketwarehouse.archive;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shows a load as it goes: on a terminal one line redrawn each second, elsewhere a plain log line
 * every ten seconds, on standard error so that standard output stays for results.
 */
public final class Progress implements AutoCloseable {
    private final LoadRun run;
    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;

    public Progress(LoadRun run, PrintStream out, boolean terminal) {
        this.run = run;
        this.out = out;
        this.terminal = terminal;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tw-progress");
            thread.setDaemon(true);
            return thread;
        });
        long period = terminal ? 1 : 10;
        ticker.scheduleAtFixedRate(this::print, period, period, TimeUnit.SECONDS);
    }

    public static Progress start(LoadRun run) {
        return new Progress(run, System.err, System.console() != null);
    }

    String line() {
        Map<String, LoadRun.Counts> entities = run.entities();
        double seconds = Math.max(0.001, run.elapsed().toMillis() / 1000.0);
        String perEntity = entities.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().records.get())
                .collect(Collectors.joining(", "));
        return String.format("load %s: %,d records (%,.0f/s), %,d requests, %.1f MB, %s | %s",
                run.id(), run.records(), run.records() / seconds, run.requests(), run.bytes() / 1e6,
                format(run.elapsed()), perEntity);
    }

    private void print() {
        if (terminal) {
            out.print("\r\033[K" + line());
        } else {
            out.println(line());
        }
        out.flush();
    }

    static String format(Duration d) {
        return d.toMinutesPart() + d.toHoursPart() * 60 + "m" + String.format("%02d", d.toSecondsPart()) + "s";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
