package com.ticketwarehouse.jobs;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.Exchange;

import java.time.Clock;

/**
 * Begins and ends the {@code sync} route, a load that reads Stripe from its watermarks: before the
 * load, the plan from the watermarks in the lake; after it, the watermarks moved on, only when the
 * run completed, so a run that failed, was killed or stopped is read again by the next one.
 */
public final class Syncs {
    private final Lake lake;
    private final StripeSync.Policy policy;
    private final Clock clock;

    public Syncs(Lake lake, StripeSync.Policy policy, Clock clock) {
        this.lake = lake;
        this.policy = policy;
        this.clock = clock;
    }

    public void plan(Exchange exchange) {
        String source = exchange.getMessage().getHeader(Loads.SOURCE, "all", String.class);
        if ("all".equals(source) || "stripe".equals(source)) {
            // the windows of now (current, upcoming) take the changes; the others also the balance transactions still pending
            String range = exchange.getMessage().getHeader(Loads.TIME_RANGE, "all", String.class);
            boolean refreshPending = !"current".equals(range) && !"upcoming".equals(range);
            exchange.setProperty(ExchangeProperties.INCREMENT, StripeSync.plan(watermarks(), clock.instant(), policy, refreshPending));
        }
    }

    /** After the load: moves the watermarks of a complete run on; answers whether a crawl is due. */
    public boolean advance(Exchange exchange) {
        LoadRun run = exchange.getMessage().getBody(LoadRun.class);
        if (!LoadRun.COMPLETE.equals(run.status())) {
            return false;
        }
        StripeSync sync = exchange.getProperty(ExchangeProperties.INCREMENT, StripeSync.class);
        if (sync != null) {
            StripeSync.Watermarks last = sync.full() ? null : watermarks();
            lake.writeState(StripeSync.STATE, sync.next(last, sync.newestArchived(), sync.oldestPending(), run.startedAt(), policy.overlap(), run.id()).json());
        }
        return lake.needsCrawl(run);
    }

    private StripeSync.Watermarks watermarks() {
        return lake.readState(StripeSync.STATE).map(StripeSync.Watermarks::parse).orElse(null);
    }
}
