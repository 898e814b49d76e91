package com.ticketwarehouse.archive;

import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Begins and ends the {@code load} route: checks what was asked, opens the run, and writes its
 * manifest through the archive sink when it starts (running, then at each heartbeat), and when it
 * ends (complete or failed).
 */
public final class Loads {
    public static final String SOURCE = "source", TIME_RANGE = "timeRange", FROM = "from", TO = "to";
    /** When the load must stop taking pages (an Instant, or its ISO-8601 text); none by default. */
    public static final String DEADLINE = "deadline";
    private static final List<String> SOURCES = List.of("ticketsauce", "stripe", "all");

    private final Archive archive;
    private final List<? extends Api> apis;
    private final Clock clock;
    private final boolean showProgress;
    private final Duration heartbeat;
    private final Duration stopWait;
    private final Set<LoadRun> running = ConcurrentHashMap.newKeySet();

    /**
     * @param heartbeat how often a running load rewrites its manifest to show it is alive
     * @param stopWait  how long SIGTERM or Ctrl-C waits for the load to stop at a safe point
     */
    /** An API a load reads: a run that includes it checks its settings before anything else. */
    public interface Api {
        String api();

        /** Fails, saying which, when a setting or credential this API needs is bad or missing. */
        void requireSettings();
    }

    public Loads(Archive archive, List<? extends Api> apis, Clock clock, boolean showProgress,
                 Duration heartbeat, Duration stopWait) {
        this.archive = archive;
        this.apis = apis;
        this.clock = clock;
        this.showProgress = showProgress;
        if (heartbeat.getSeconds() < 1) {
            throw new IllegalArgumentException("tw.load.heartbeat-seconds must be at least 1: it is how often a running load says it is alive");
        }
        this.heartbeat = heartbeat;
        this.stopWait = stopWait;
    }

    public void begin(Exchange exchange) {
        String source = exchange.getMessage().getHeader(SOURCE, "all", String.class);
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown source '" + source + "': use ticketsauce, stripe or all");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        TimeRange range = TimeRange.of(exchange.getMessage().getHeader(TIME_RANGE, "all", String.class), today,
                day(exchange, FROM), day(exchange, TO));
        LoadRun run = new LoadRun(clock.instant(), source, range,
                exchange.getProperty(ExchangeProperties.INCREMENT, LoadRun.Increment.class));
        run.stopTakingPagesAt(deadline(exchange));
        apis.stream().filter(a -> run.includes(a.api())).forEach(Api::requireSettings);
        exchange.setProperty(ExchangeProperties.RUN, run);
        archive.begin(run);
        running.add(run);
        if (showProgress) {
            exchange.setProperty(ExchangeProperties.PROGRESS, Progress.start(run));
        }
        LiveRun live = new LiveRun(run, this::writeManifest, clock, heartbeat, stopWait);
        exchange.setProperty(ExchangeProperties.LIVE_RUN, live);
        live.start();
    }

    public boolean includes(Exchange exchange, String source) {
        return exchange.getProperty(ExchangeProperties.RUN, LoadRun.class).includes(source);
    }

    /** Stores the run's open archive objects, then marks it complete: a failure to store fails the run. */
    public void complete(Exchange exchange) {
        archive.end(exchange.getProperty(ExchangeProperties.RUN, LoadRun.class));
        end(exchange, LoadRun.COMPLETE, null);
    }

    /**
     * Asks every load under way to stop at its next safe point, as Ctrl-C does: it ends failed, so
     * nothing it archived is taken as data and no watermark moves.
     */
    public void stopAll(String reason) {
        running.forEach(run -> run.interrupt("stopped before its end (" + reason + "): the next run reads it again"));
    }

    public void fail(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        RunStopped stopped = stopped(cause);
        String error = stopped != null ? stopped.getMessage() : cause == null ? "unknown" : Failures.oneLine(cause);
        // what the run fetched is kept, though never taken as data
        LoadRun run = exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
        if (run != null) {
            try {
                archive.end(run);
            } catch (RuntimeException e) {
                error += "; and its last archive objects could not be stored: " + Failures.oneLine(e);
            }
        }
        end(exchange, stopped != null ? LoadRun.STOPPED : LoadRun.FAILED, error);
    }

    /** The deadline under Camel's wrappers (split, multicast), if that is what ended the run. */
    private static RunStopped stopped(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunStopped s) {
                return s;
            }
        }
        return null;
    }

    private void end(Exchange exchange, String status, String error) {
        Progress progress = exchange.getProperty(ExchangeProperties.PROGRESS, Progress.class);
        if (progress != null) {
            progress.close();
        }
        LoadRun run = exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
        if (run == null) {
            // nothing was asked of an API yet: there is no run to mark, only the error to report
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
        running.remove(run);
        exchange.getProperty(ExchangeProperties.LIVE_RUN, LiveRun.class).end(status, error);
    }

    /** Stores the run's manifest through the archive sink, whichever thread asks (the load, its heartbeat, Ctrl-C). */
    private void writeManifest(LoadRun run) {
        try {
            archive.manifest(run);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot write the manifest of run " + run.id() + ": " + Failures.oneLine(e), e);
        }
    }

    /** Stops a refresh whose load did not complete: tables must not be rebuilt from a failed load. */
    public void requireComplete(Exchange exchange) {
        LoadRun run = exchange.getMessage().getBody(LoadRun.class);
        if (run == null || !LoadRun.COMPLETE.equals(run.status())) {
            throw new IllegalStateException("load " + (run == null ? "" : run.id() + " ") + "failed: "
                    + (run == null ? "no run" : run.error()));
        }
    }

    /** The run, once the manifest is stored: the load route's answer. */
    public LoadRun result(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
    }

    private static Instant deadline(Exchange exchange) {
        Object value = exchange.getMessage().getHeader(DEADLINE);
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        try {
            return Instant.parse(value.toString().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("deadline '" + value + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static LocalDate day(Exchange exchange, String header) {
        String value = exchange.getMessage().getHeader(header, String.class);
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + header + " '" + value + "' is not a date: use YYYY-MM-DD");
        }
    }
}
