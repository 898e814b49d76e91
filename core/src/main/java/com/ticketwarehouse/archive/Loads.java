package com.ticketwarehouse.archive;

import com.ticketwarehouse.extract.ApiClient;
import com.ticketwarehouse.extract.Failures;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.extract.TimeRange;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Begins and ends the {@code load} route: checks what was asked, opens the run, and writes its
 * manifest when it starts (running), and when it ends (complete or failed).
 */
public final class Loads {
    public static final String SOURCE = "source", TIME_RANGE = "timeRange", FROM = "from", TO = "to";
    /** The exchange property by which a sync tells the load what to read from Stripe. */
    public static final String STRIPE_SYNC = "twStripeSync";
    private static final List<String> SOURCES = List.of("ticketsauce", "stripe", "all");

    private final Archive archive;
    private final List<ApiClient> clients;
    private final Clock clock;
    private final boolean showProgress;
    private final Set<LoadRun> running = ConcurrentHashMap.newKeySet();

    public Loads(Archive archive, List<ApiClient> clients, Clock clock, boolean showProgress) {
        this.archive = archive;
        this.clients = clients;
        this.clock = clock;
        this.showProgress = showProgress;
    }

    public void begin(Exchange exchange) {
        String source = exchange.getMessage().getHeader(SOURCE, "all", String.class);
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown source '" + source + "': use ticketsauce, stripe or all");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        TimeRange range = TimeRange.of(exchange.getMessage().getHeader(TIME_RANGE, "all", String.class), today,
                day(exchange, FROM), day(exchange, TO));
        LoadRun run = new LoadRun(clock.instant(), source, range, exchange.getProperty(STRIPE_SYNC, StripeSync.class));
        clients.stream().filter(c -> run.includes(c.api())).forEach(ApiClient::requireCredentials);
        exchange.setProperty(ApiClient.RUN, run);
        running.add(run);
        if (showProgress) {
            exchange.setProperty("twProgress", Progress.start(run));
        }
        archive.manifest(exchange, run);
    }

    public boolean includes(Exchange exchange, String source) {
        return exchange.getProperty(ApiClient.RUN, LoadRun.class).includes(source);
    }

    public void complete(Exchange exchange) {
        LoadRun run = exchange.getProperty(ApiClient.RUN, LoadRun.class);
        if (run.stopping()) {
            end(exchange, LoadRun.FAILED, "stopped before its end (" + run.stopReason() + "): the next run reads it again");
        } else {
            end(exchange, LoadRun.COMPLETE, null);
        }
    }

    /** Asks every load under way to stop at its next safe point (see {@link LoadRun#stop}). */
    public void stopAll(String reason) {
        running.forEach(run -> run.stop(reason));
    }

    public void fail(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        end(exchange, LoadRun.FAILED, cause == null ? "unknown" : Failures.oneLine(cause));
    }

    private void end(Exchange exchange, String status, String error) {
        Progress progress = exchange.getProperty("twProgress", Progress.class);
        if (progress != null) {
            progress.close();
        }
        LoadRun run = exchange.getProperty(ApiClient.RUN, LoadRun.class);
        if (run == null) {
            // nothing was asked of an API yet: there is no run to mark, only the error to report
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
        running.remove(run);
        run.finish(status, error);
        archive.manifest(exchange, run);
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
        return exchange.getProperty(ApiClient.RUN, LoadRun.class);
    }

    private static LocalDate day(Exchange exchange, String header) {
        String value = exchange.getMessage().getHeader(header, String.class);
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--" + header + " '" + value + "' is not a date: use YYYY-MM-DD");
        }
    }
}
