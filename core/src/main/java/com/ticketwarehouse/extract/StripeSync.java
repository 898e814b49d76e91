package com.ticketwarehouse.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.LoadRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a sync reads from Stripe. The first sync reads every list to its end; later ones read each
 * list from its watermark (the {@code created} of the newest object a complete sync archived, less
 * an overlap) and the events feed from its own watermark, for the changes to older objects. Stripe
 * keeps events 30 days: a watermark older than that means changes may have been missed, so the
 * sync reads everything again and says why.
 * <p>
 * Balance transactions stay pending for days and Stripe sends no event when one becomes
 * available; the oldest one still pending is kept as a watermark of its own, and a sync that
 * refreshes them (sync-recent, daily; and any sync of all time) reads them again from there.
 *
 * <p>
 * One plan per sync run, carried by the exchange ({@code ExchangeProperties.INCREMENT}); while the run
 * reads, it notes what the next watermarks need from the pages ({@link #observe}).
 */
public final class StripeSync implements LoadRun.Increment {
    private final Map<String, Long> from;
    private final Long events;
    private final boolean refreshesPending;
    private final String note;
    private final Map<String, Long> newestArchived = new ConcurrentHashMap<>();
    private final Map<String, Long> oldestPending = new ConcurrentHashMap<>();

    /**
     * @param from   {@code created[gte]} of each list, in Unix seconds; a list not named is read whole
     * @param events {@code created[gte]} of the events feed, or null when the sync does not read it
     * @param refreshesPending whether balance transactions are read from the oldest still pending
     * @param note   why the sync reads what it reads, for the run's manifest and its one line
     */
    StripeSync(Map<String, Long> from, Long events, boolean refreshesPending, String note) {
        this.from = Map.copyOf(from);
        this.events = events;
        this.refreshesPending = refreshesPending;
        this.note = note;
    }

    @Override
    public String source() {
        return "stripe";
    }

    @Override
    public String note() {
        return note;
    }

    /** How a sync reads Stripe from its watermarks. */
    public record Policy(Duration overlap, Duration eventsKept) {
    }

    /** The list whose objects change with no event: a balance transaction turns available. */
    public static final String PENDING_LIST = "balance_transactions";

    /**
     * The watermarks of the last complete sync: the newest {@code created} of each list, the
     * oldest of the balance transactions still pending, and the events'.
     */
    public record Watermarks(Map<String, Long> lists, Map<String, Long> pending, long events, String runId) {
        public byte[] json() {
            ObjectNode node = JsonRecords.MAPPER.createObjectNode();
            node.put("run_id", runId);
            node.put("events", events);
            ObjectNode lists = node.putObject("lists");
            new TreeMap<>(this.lists).forEach(lists::put);
            ObjectNode pending = node.putObject("pending");
            new TreeMap<>(this.pending).forEach(pending::put);
            return (node.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
        }

        public static Watermarks parse(byte[] json) {
            try {
                JsonNode node = JsonRecords.MAPPER.readTree(json);
                if (!node.path("events").canConvertToLong()) {
                    throw new IOException("no events watermark");
                }
                return new Watermarks(longs(node.path("lists")), longs(node.path("pending")), node.path("events").asLong(),
                        node.path("run_id").asText(null));
            } catch (IOException e) {
                throw new UncheckedIOException("the Stripe watermarks are unreadable: " + e.getMessage(), e);
            }
        }

        private static Map<String, Long> longs(JsonNode object) {
            Map<String, Long> values = new LinkedHashMap<>();
            object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
            return values;
        }
    }

    /** The lake's state file that holds the Stripe watermarks. */
    public static final String STATE = "watermarks/stripe.json";

    /** @param refreshPending whether to read the balance transactions again from the oldest still pending */
    public static StripeSync plan(Watermarks last, Instant now, Policy policy, boolean refreshPending) {
        if (last == null) {
            return new StripeSync(Map.of(), null, true, "stripe: first sync, reading everything");
        }
        Instant eventsSince = Instant.ofEpochSecond(last.events()).minus(policy.overlap());
        if (eventsSince.isBefore(now.minus(policy.eventsKept()))) {
            return new StripeSync(Map.of(), null, true, "stripe: the last complete sync's watermark (" + Instant.ofEpochSecond(last.events())
                    + ") is older than the " + policy.eventsKept().toDays() + " days Stripe keeps events: reading everything");
        }
        Map<String, Long> from = new LinkedHashMap<>();
        last.lists().forEach((list, newest) -> from.put(list, newest - policy.overlap().toSeconds()));
        Long pending = last.pending().get(PENDING_LIST);
        if (refreshPending && pending != null && from.containsKey(PENDING_LIST)) {
            from.put(PENDING_LIST, Math.min(from.get(PENDING_LIST), pending - policy.overlap().toSeconds()));
        }
        return new StripeSync(from, eventsSince.getEpochSecond(), refreshPending,
                "stripe: changes since " + Instant.ofEpochSecond(last.events()) + (refreshPending ? ", and the balance transactions pending" : ""));
    }

    /** What a sync's watermarks need from a page of a list: the newest object (lists come newest first), the oldest pending one. */
    public void observe(String list, ApiPage page, boolean firstPage) {
        if (page.records().isEmpty()) {
            return;
        }
        if (firstPage) {
            Long newest = JsonRecords.topLevelNumber(page.records().get(0), "created");
            if (newest != null) {
                newestArchived.merge(list, newest, Math::max);
            }
        }
        if (PENDING_LIST.equals(list)) {
            for (byte[] record : page.records()) {
                if ("pending".equals(JsonRecords.topLevelText(record, "status"))) {
                    oldestPending.merge(list, JsonRecords.topLevelNumber(record, "created"), Math::min);
                }
            }
        }
    }

    /** The {@code created} of the newest object each list archived in this run. */
    public Map<String, Long> newestArchived() {
        return new TreeMap<>(newestArchived);
    }

    /** The {@code created} of the oldest object still pending that each list archived in this run. */
    public Map<String, Long> oldestPending() {
        return new TreeMap<>(oldestPending);
    }

    public boolean full() {
        return events == null;
    }

    /** Whether the sync reads the events feed: after a complete one, for the changes to older objects. */
    public boolean readsEvents() {
        return !full();
    }

    /** The list's own query: its created bound, if it has one. */
    public String query(String list) {
        Long since = from.get(list);
        return since == null ? "" : "created%5Bgte%5D=" + since;
    }

    public String eventsQuery() {
        return "created%5Bgte%5D=" + events;
    }

    /**
     * The watermarks after a complete sync: each list's newest {@code created} archived (or the
     * last one where nothing came); the oldest balance transaction still pending among those read
     * (and, when the sync did not read the pending ones again, the last sync's); for the events,
     * the sync's start less the overlap (the feed showed every change up to then), or its start
     * when it read everything (the lists it read afterwards show every change made before it).
     */
    public Watermarks next(Watermarks last, Map<String, Long> newestArchived, Map<String, Long> oldestPending, Instant started,
                           Duration overlap, String runId) {
        boolean fresh = last == null || full();
        Map<String, Long> lists = new TreeMap<>(fresh ? Map.of() : last.lists());
        newestArchived.forEach((list, newest) -> lists.merge(list, newest, Math::max));
        lists.remove("events");
        Map<String, Long> pending = new TreeMap<>(fresh ? Map.of() : last.pending());
        if (refreshesPending) {
            // what this sync read again is replaced; a sync that ran beside it may have seen pending ones after its newest
            pending.entrySet().removeIf(e -> e.getValue() <= newestArchived.getOrDefault(e.getKey(), Long.MAX_VALUE));
        }
        oldestPending.forEach((list, oldest) -> pending.merge(list, oldest, Math::min));
        long events = full() ? started.getEpochSecond() : Math.max(Math.max(last == null ? 0 : last.events(),
                newestArchived.getOrDefault("events", 0L)), started.minus(overlap).getEpochSecond());
        return new Watermarks(lists, pending, events, runId);
    }
}
