package com.ticketwarehouse.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.Lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The reports' runs, for the CLI ({@code ./tw report}) and the jobs alike: which documents are due,
 * rendered to files where asked, and delivered to their recipients through the ledger where asked.
 * A run that only renders reads the lake and writes nothing to it.
 */
public final class Reports {
    private final Lake lake;
    private final Supplier<Metrics> metrics;
    private final ReportSettings settings;
    private final Supplier<Mailer> mailer;
    private final Clock clock;

    /** @param mailer made on first send, so that rendering needs no mail server */
    public Reports(Lake lake, Supplier<Metrics> metrics, ReportSettings settings, Supplier<Mailer> mailer, Clock clock) {
        this.lake = lake;
        this.metrics = metrics;
        this.settings = settings;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Runs a report; returns one line per document: its files and, when sending, each delivery.
     *
     * @param date  settlement: the events that started that day; daily sales: that day (default yesterday); null for the default
     * @param event settlement of one event, or null
     * @param out   the folder the files go to, or null for none
     */
    public String run(String report, String date, String event, String out, boolean send) {
        if (!ReportSettings.REPORTS.contains(report)) {
            throw new IllegalArgumentException("no report '" + report + "': the reports are " + String.join(", ", ReportSettings.REPORTS));
        }
        Path outDir = out == null || out.isBlank() ? null : Path.of(out);
        if (send && outDir == null && !settings.anyRecipients(report)) {
            return report + ": no recipients configured (tw.report." + report + ".recipients, tw.report.venue.<venue>." + report + ".recipients)\n";
        }
        LocalDate day = date == null || date.isBlank() ? null : LocalDate.parse(date);
        List<Delivery> deliveries = report.equals("settlement") ? settlements(day, event == null || event.isBlank() ? null : event, send)
                : dailySales(day == null ? LocalDate.now(clock.withZone(settings.zone(null))).minusDays(1) : day, send && outDir == null);
        DeliveryLedger ledger = new DeliveryLedger(lake, clock, Duration.ofSeconds(settings.claimSeconds()));
        StringBuilder lines = new StringBuilder();
        List<String> failed = new ArrayList<>();
        if (deliveries.isEmpty()) {
            lines.append(report).append(": nothing due\n");
        }
        for (Delivery d : deliveries) {
            Map<String, byte[]> files = files(d.document());
            lines.append(d.document().name()).append(':');
            if (outDir != null) {
                write(outDir, files);
                lines.append(" wrote ").append(String.join(", ", files.keySet())).append(" to ").append(outDir).append(';');
            }
            if (send) {
                d.beforeSending().run();
                if (d.recipients().isEmpty()) {
                    lines.append(" no recipients configured (tw.report.").append(report).append(".recipients);");
                }
                for (String recipient : d.recipients()) {
                    try {
                        DeliveryLedger.Outcome outcome = ledger.deliver(report, d.key(), recipient, settings.sender(),
                                id -> new Mail(settings.sender(), recipient, d.document().title(), ReportRenderer.html(d.document()),
                                        attachments(files), id), mailer.get());
                        lines.append(' ').append(recipient).append(' ').append(outcome.name().toLowerCase().replace('_', ' ')).append(';');
                    } catch (RuntimeException e) {
                        // the others still get theirs; the run fails at the end, and the next one sends what is left
                        lines.append(' ').append(recipient).append(" failed: ").append(e.getMessage()).append(';');
                        failed.add(d.document().name() + " to " + recipient);
                    }
                }
            }
            lines.setLength(lines.length() - (lines.charAt(lines.length() - 1) == ';' ? 1 : 0));
            lines.append('\n');
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("not delivered: " + String.join(", ", failed) + " (the next run sends them)\n" + lines);
        }
        return lines.toString();
    }

    /** One document, its ledger key and recipients, and what to record once before it is sent (a statement's revision). */
    private record Delivery(ReportDocument document, String key, Set<String> recipients, Runnable beforeSending) {
    }

    private List<Delivery> settlements(LocalDate date, String eventId, boolean send) {
        Settlements settlements = new Settlements(lake, metrics.get());
        DeliveryLedger ledger = new DeliveryLedger(lake, clock, Duration.ofSeconds(settings.claimSeconds()));
        LocalDate today = LocalDate.now(clock.withZone(settings.zone(null)));
        List<Settlements.Event> events;
        if (eventId != null) {
            events = List.of(settlements.event(eventId));
        } else if (date != null) {
            events = settlements.startedBetween(date, date);
        } else {
            // the events that ended since the last run: started before the venue's today, within the days a run looks back
            events = settlements.startedBetween(today.minusDays(settings.settlementDays() + 1), today).stream()
                    .filter(e -> e.startDay().isBefore(LocalDate.now(clock.withZone(settings.zone(e.venue()))))).toList();
            if (events.isEmpty() && !send) {
                events = settlements.lastBefore(today);
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Settlements.Statement statement : settlements.statements(events)) {
            Settlements.Event event = statement.event();
            Optional<JsonNode> issued = ledger.statement(event.id());
            String digest = statement.digest();
            boolean unchanged = issued.isPresent() && issued.get().path("digest").asText().equals(digest);
            int revision = issued.map(i -> i.path("revision").asInt() + (unchanged ? 0 : 1)).orElse(1);
            Map<String, String> replaced = null;
            if (revision > 1) {
                replaced = new LinkedHashMap<>();
                for (String field : List.of("issued_at", "gross", "refunded", "disputed")) {
                    replaced.put(field, issued.get().path(field).asText());
                }
                if (unchanged) {
                    replaced = previousOf(issued.get(), replaced);
                }
            }
            ReportDocument document = settlements.document(statement, revision, LocalDate.now(clock.withZone(settings.zone(event.venue()))).toString(),
                    replaced);
            Runnable record = unchanged ? () -> { } : () -> ledger.recordStatement(event.id(), revision, digest, statement.totals().get("gross"),
                    Settlements.amount(statement.adjustments().get("refunded")).toPlainString(),
                    Settlements.amount(statement.adjustments().get("disputed")).toPlainString(), issued.orElse(null));
            deliveries.add(new Delivery(document, event.id() + "/r" + revision, settings.recipients("settlement", event.venue()), record));
        }
        return deliveries;
    }

    /** An unchanged revision shows what the one before it replaced, as it did when first issued. */
    private static Map<String, String> previousOf(JsonNode issued, Map<String, String> fallback) {
        JsonNode previous = issued.path("replaces");
        if (previous.isMissingNode() || previous.isNull()) {
            return fallback;
        }
        Map<String, String> replaced = new LinkedHashMap<>();
        for (String field : List.of("issued_at", "gross", "refunded", "disputed")) {
            replaced.put(field, previous.path(field).asText());
        }
        return replaced;
    }

    /**
     * The day's reports: every venue's, and each venue's own where it has recipients.
     *
     * @param onlyUnsent a run that only sends builds no report its recipients all have (an hourly job then costs one query)
     */
    private List<Delivery> dailySales(LocalDate day, boolean onlyUnsent) {
        DailySales daily = new DailySales(lake, metrics.get(), settings);
        DeliveryLedger ledger = new DeliveryLedger(lake, clock, Duration.ofSeconds(settings.claimSeconds()));
        List<Delivery> deliveries = new ArrayList<>();
        Set<String> group = settings.groupRecipients("daily-sales");
        if (!onlyUnsent || !ledger.allSent("daily-sales", day + "/all", group)) {
            deliveries.add(new Delivery(daily.document(day, null), day + "/all", group, () -> { }));
        }
        for (String venue : daily.venues()) {
            Set<String> recipients = settings.venueRecipients("daily-sales", venue);
            String key = day + "/" + ReportSettings.venueKey(venue);
            if (!recipients.isEmpty() && (!onlyUnsent || !ledger.allSent("daily-sales", key, recipients))) {
                deliveries.add(new Delivery(daily.document(day, venue), key, recipients, () -> { }));
            }
        }
        return deliveries;
    }

    /** The HTML body, the PDF, and each CSV, by file name. */
    static Map<String, byte[]> files(ReportDocument document) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(document.name() + ".html", ReportRenderer.html(document).getBytes(StandardCharsets.UTF_8));
        files.put(document.name() + ".pdf", ReportRenderer.pdf(document));
        document.csv().forEach((name, table) -> files.put(name + ".csv", ReportRenderer.csv(table)));
        return files;
    }

    /** The files a message carries: all but the HTML, which is its body. */
    private static Map<String, byte[]> attachments(Map<String, byte[]> files) {
        Map<String, byte[]> attached = new LinkedHashMap<>(files);
        attached.keySet().removeIf(name -> name.endsWith(".html"));
        return attached;
    }

    private static void write(Path out, Map<String, byte[]> files) {
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(out.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
