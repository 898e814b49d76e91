package com.ticketwarehouse.lake;

import com.ticketwarehouse.aws.CrawlerDefinition;
import com.ticketwarehouse.extract.Entities;

import java.util.ArrayList;
import java.util.List;

/**
 * The Glue crawlers of a lake, defined once for {@code ./tw crawl} and the CDK stacks alike: one per
 * raw entity, each over its own table of the Glue catalog (made from
 * {@code athena/raw_tables.sql}), never over S3 paths, so that no crawler infers a table: its types
 * stay the ones the models are proved on. A crawler adds the partitions of new runs, each with its
 * table's schema, and logs a change it sees in the data's schema (LOG) instead of applying it. Plain
 * strings, no AWS SDK types, so that the stacks can use them as they are. The run manifests' table
 * (load_runs) has none: its columns are the pipeline's own, and each run's partition is added by the
 * load that wrote it, at its day's folder, which a crawler would not take for a partition of run_id.
 */
public final class CrawlerDefinitions {
    public static final String LOG = "LOG";
    /** New partitions take the columns of their table, not columns inferred from their files. */
    public static final String CONFIGURATION = "{\"Version\":1.0,\"CrawlerOutput\":{\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}}}";

    private CrawlerDefinitions() {
    }

    /**
     * @param namePrefix the prefix of every crawler's name, such as {@code ticket-warehouse-prod-} (tw.aws.crawler-prefix)
     * @param database   the Glue database of the raw tables (tw.aws.database)
     * @return the crawler of each entity of {@link Entities#ALL}
     */
    public static List<CrawlerDefinition> of(String namePrefix, String database) {
        List<CrawlerDefinition> crawlers = new ArrayList<>();
        for (String entity : Entities.ALL) {
            String[] parts = entity.split("/");
            crawlers.add(overTable(namePrefix + "raw-" + parts[0] + "-" + parts[1].replace('_', '-'), database,
                    RawTables.of(entity)));
        }
        return crawlers;
    }

    private static CrawlerDefinition overTable(String name, String database, String table) {
        return new CrawlerDefinition(name, database, List.of(table), List.of(), "", LOG, LOG, CONFIGURATION);
    }
}
