package com.ticketwarehouse.aws;

import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.CatalogTarget;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerRunningException;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.SchemaChangePolicy;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The lake's Glue Data Catalog: its database, its tables and their partitions, and the crawlers that make them. */
public record GlueCatalog(GlueClient glue, String database) {
    /** @return whether it had to be created */
    public boolean ensureDatabase() {
        try {
            glue.getDatabase(r -> r.name(database));
            return false;
        } catch (EntityNotFoundException e) {
            try {
                glue.createDatabase(r -> r.databaseInput(d -> d.name(database).description("Ticket Warehouse: raw archives and models")));
            } catch (AlreadyExistsException raced) {
                // made meanwhile by another run: what we wanted
            }
            return true;
        }
    }

    /**
     * Makes the crawler as defined: created if missing, made again if it differs (one an older
     * version made over S3 paths, applying the schemas it inferred). A running crawler is left to
     * finish and is made again by the next crawl.
     * @return "created", "replaced", "running" (left as it is) or "" when it was already as defined
     */
    public String defineCrawler(CrawlerDefinition definition, String role) {
        CrawlerTargets targets = CrawlerTargets.builder()
                .catalogTargets(definition.catalogTables().isEmpty() ? List.of()
                        : List.of(CatalogTarget.builder().databaseName(definition.database()).tables(definition.catalogTables()).build()))
                .s3Targets(definition.s3Paths().stream().map(path -> S3Target.builder().path(path).build()).toList())
                .build();
        SchemaChangePolicy policy = SchemaChangePolicy.builder().updateBehavior(definition.updateBehavior())
                .deleteBehavior(definition.deleteBehavior()).build();
        String outcome = "created";
        try {
            Crawler existing = glue.getCrawler(r -> r.name(definition.name())).crawler();
            if (role.equals(existing.role()) && sameTargets(targets, existing.targets()) && policy.equals(existing.schemaChangePolicy())
                    && definition.configuration().equals(existing.configuration())) {
                return "";
            }
            glue.deleteCrawler(r -> r.name(definition.name()));
            outcome = "replaced";
        } catch (EntityNotFoundException e) {
            // made below
        } catch (CrawlerRunningException e) {
            return "running";
        }
        try {
            glue.createCrawler(r -> r.name(definition.name()).role(role).databaseName(definition.database()).targets(targets)
                    .tablePrefix(definition.tablePrefix()).schemaChangePolicy(policy).configuration(definition.configuration())
                    .description("Ticket Warehouse: made and started by './tw crawl'"));
        } catch (AlreadyExistsException raced) {
            // made meanwhile by another run
        }
        return outcome;
    }

    private static boolean sameTargets(CrawlerTargets wanted, CrawlerTargets existing) {
        java.util.function.Function<CrawlerTargets, List<String>> tables = t -> t.catalogTargets().stream()
                .flatMap(c -> c.tables().stream().map(table -> c.databaseName() + "." + table)).toList();
        return existing != null && tables.apply(wanted).equals(tables.apply(existing))
                && wanted.s3Targets().stream().map(S3Target::path).toList().equals(existing.s3Targets().stream().map(S3Target::path).toList());
    }

    /** Where each crawler's last crawl logged what it saw (CloudWatch log group/stream), for those that say. */
    public Map<String, String> logs(List<String> crawlers) {
        Map<String, String> logs = new TreeMap<>();
        if (crawlers.isEmpty()) {
            return logs;
        }
        for (Crawler crawler : glue.batchGetCrawlers(r -> r.crawlerNames(crawlers)).crawlers()) {
            LastCrawlInfo last = crawler.lastCrawl();
            if (last != null && last.logGroup() != null) {
                logs.put(crawler.name(), last.logGroup() + (last.logStream() == null ? "" : "/" + last.logStream()));
            }
        }
        return logs;
    }

    /**
     * Starts the crawlers (one already running is waited for, not started again) and waits until
     * each is ready again, printing progress; returns each failed crawler's own error message.
     */
    public Map<String, String> crawl(List<String> crawlers, Duration timeout, Duration poll, PrintStream progress) {
        Instant started = Instant.now();
        for (String name : crawlers) {
            try {
                glue.startCrawler(r -> r.name(name));
            } catch (CrawlerRunningException e) {
                progress.println("crawl: " + name + " was already running; waiting for it");
            }
        }
        Map<String, String> failures = new TreeMap<>();
        List<String> running = new ArrayList<>(crawlers);
        String lastLine = "";
        Instant lastPrinted = Instant.EPOCH;
        while (!running.isEmpty()) {
            for (Crawler crawler : glue.batchGetCrawlers(r -> r.crawlerNames(running)).crawlers()) {
                if (crawler.state() != CrawlerState.READY) {
                    continue;
                }
                running.remove(crawler.name());
                LastCrawlInfo last = crawler.lastCrawl();
                if (last != null && (last.status() == LastCrawlStatus.FAILED || last.status() == LastCrawlStatus.CANCELLED)) {
                    failures.put(crawler.name(), last.statusAsString() + ": " + Optional.ofNullable(last.errorMessage()).orElse("no error message")
                            + (last.logGroup() == null ? "" : " (log " + last.logGroup() + "/" + last.logStream() + ")"));
                }
            }
            Duration elapsed = Duration.between(started, Instant.now());
            String line = String.format("crawl: %d/%d crawlers done%s", crawlers.size() - running.size(), crawlers.size(),
                    running.isEmpty() ? "" : "; running: " + String.join(", ", running));
            if (!line.equals(lastLine) || Duration.between(lastPrinted, Instant.now()).toSeconds() >= 30) {
                progress.println(line + String.format(" (%ds)", elapsed.toSeconds()));
                lastLine = line;
                lastPrinted = Instant.now();
            }
            if (running.isEmpty()) {
                break;
            }
            if (elapsed.compareTo(timeout) > 0) {
                running.forEach(name -> failures.put(name, "still running after " + timeout.toMinutes() + " min (tw.aws.crawl-timeout)"));
                break;
            }
            sleep(poll);
        }
        return failures;
    }

    public Optional<Table> table(String name) {
        try {
            return Optional.of(glue.getTable(r -> r.databaseName(database).name(name)).table());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Column name to type, partition keys last: what a crawl is compared by. */
    public Map<String, String> columns(String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        table(table).ifPresent(t -> {
            if (t.storageDescriptor() != null) {
                t.storageDescriptor().columns().forEach(c -> columns.put(c.name(), c.type()));
            }
            t.partitionKeys().forEach(c -> columns.put(c.name(), c.type()));
        });
        return columns;
    }

    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(database)).forEach(page -> tables.addAll(page.tableList()));
        return tables;
    }

    /** @return whether it had to be created */
    public boolean ensureTable(TableInput table) {
        if (table(table.name()).isPresent()) {
            return false;
        }
        try {
            glue.createTable(r -> r.databaseName(database).tableInput(table));
        } catch (AlreadyExistsException raced) {
            return false;
        }
        return true;
    }

    /**
     * Makes the table as defined: created if missing; redefined, keeping its partitions, if its
     * columns, partition keys, location or SerDe differ (a table a crawler inferred, say).
     * @return "created", "redefined" or "" when it was already as defined
     */
    public String defineTable(TableInput table) {
        Optional<Table> existing = table(table.name());
        if (existing.isEmpty()) {
            return ensureTable(table) ? "created" : "";
        }
        StorageDescriptor has = existing.get().storageDescriptor(), wants = table.storageDescriptor();
        boolean same = has != null && has.columns().equals(wants.columns()) && existing.get().partitionKeys().equals(table.partitionKeys())
                && wants.location().equals(has.location()) && has.serdeInfo() != null
                && wants.serdeInfo().serializationLibrary().equals(has.serdeInfo().serializationLibrary());
        if (same) {
            return "";
        }
        glue.updateTable(r -> r.databaseName(database).tableInput(table));
        return "redefined";
    }

    /**
     * Adds one partition of the table, stored under the table's location at the hive-style path of
     * its values, in the table's own format; an existing partition is left as it is.
     * @return false when the table does not exist yet
     */
    public boolean addPartition(String tableName, List<String> keys, List<String> values) {
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            folder.append(keys.get(i)).append('=').append(values.get(i)).append('/');
        }
        return addPartition(tableName, values, folder.toString());
    }

    /**
     * Adds one partition of the table stored in a folder of the table's location (such as
     * {@code load_date=2026-12-06/run_id=R/}), in the table's own format; an existing partition is left as it is.
     * @return false when the table does not exist yet
     */
    public boolean addPartition(String tableName, List<String> values, String folder) {
        Optional<Table> found = table(tableName);
        if (found.isEmpty()) {
            return false;
        }
        StorageDescriptor sd = found.get().storageDescriptor();
        String location = (sd.location().endsWith("/") ? sd.location() : sd.location() + "/") + folder;
        PartitionInput partition = PartitionInput.builder().values(values)
                .storageDescriptor(sd.toBuilder().location(location).build()).build();
        BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(database).tableName(tableName)
                .partitionInputList(partition));
        String errors = response.errors().stream()
                .filter(e -> e.errorDetail() == null || !"AlreadyExistsException".equals(e.errorDetail().errorCode()))
                .map(e -> e.partitionValues() + ": " + (e.errorDetail() == null ? "?" : e.errorDetail().errorCode() + " " + e.errorDetail().errorMessage()))
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Glue did not add the partition of " + database + "." + tableName + ": " + errors);
        }
        return true;
    }

    /** @return false when the partition (or its table) was not there */
    public boolean deletePartition(String tableName, List<String> values) {
        try {
            glue.deletePartition(r -> r.databaseName(database).tableName(tableName).partitionValues(values));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        }
    }

    public boolean deleteTable(String name) {
        try {
            glue.deleteTable(r -> r.databaseName(database).name(name));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        }
    }

    public static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static void sleep(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the crawlers", e);
        }
    }
}
