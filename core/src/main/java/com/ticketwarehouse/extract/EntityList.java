package com.ticketwarehouse.extract;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * One list of one API as the {@code paged-extract} route template reads it: where it starts, and
 * which of a page's records go to the archive. Ids that need requests of their own (the events
 * whose orders come next, orders whose tickets the list left out) are handed on as follow-ups.
 */
public final class EntityList {
    /**
     * The first page's request, from the run (its time range) or the sync's plan (null for a load),
     * and, for per-event lists, the event.
     */
    @FunctionalInterface
    public interface Start {
        ListCursor first(LoadRun run, StripeSync sync, String eventId);
    }

    /** The records of a page to archive; adds the ids that need follow-up requests. */
    @FunctionalInterface
    public interface Shape {
        List<byte[]> archived(ApiPage page, String eventId, List<String> followUps);

        Shape AS_RETURNED = (page, eventId, followUps) -> page.records();
    }

    private final String source;
    private final String entity;
    private final Start start;
    private final Shape shape;
    private final Archive archive;

    public EntityList(String source, String entity, Start start, Shape shape, Archive archive) {
        this.source = source;
        this.entity = entity;
        this.start = start;
        this.shape = shape;
        this.archive = archive;
    }

    public void start(Exchange exchange) {
        LoadRun run = exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
        exchange.setProperty(ExchangeProperties.CURSOR, start.first(run, exchange.getProperty(ExchangeProperties.INCREMENT, StripeSync.class),
                exchange.getProperty(ExchangeProperties.EVENT_ID, String.class)));
    }

    /** Before each page: a run past its deadline takes no new page (it stops, not complete). */
    public void nextPage(Exchange exchange) {
        exchange.getProperty(ExchangeProperties.RUN, LoadRun.class).requireTimeForAnotherPage();
    }

    /** Advances the cursor past the page in the body and appends its records to the run's archive. */
    public void archive(Exchange exchange) {
        ApiPage page = exchange.getMessage().getBody(ApiPage.class);
        ListCursor cursor = exchange.getProperty(ExchangeProperties.CURSOR, ListCursor.class);
        cursor.advance(page);
        LoadRun run = exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
        StripeSync sync = exchange.getProperty(ExchangeProperties.INCREMENT, StripeSync.class);
        if (sync != null && sync.source().equals(source)) {
            sync.observe(entity, page, cursor.pages() == 1);
        }
        String eventId = exchange.getProperty(ExchangeProperties.EVENT_ID, String.class);
        List<String> followUps = new ArrayList<>();
        List<byte[]> records = ApiClient.stamped(exchange, shape.archived(page, eventId, followUps));
        exchange.setProperty(ExchangeProperties.FOLLOW_UPS, followUps);
        archive.records(run, source, entity, records);
    }

    public String source() {
        return source;
    }

    public String entity() {
        return entity;
    }
}
