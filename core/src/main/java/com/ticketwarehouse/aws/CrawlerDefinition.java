package com.ticketwarehouse.aws;

import java.util.List;

/**
 * One Glue crawler, as {@link GlueCatalog#defineCrawler} makes it. Its targets are catalog tables of
 * {@code database}, or S3 paths; the table prefix applies to S3 targets only; the behaviours are
 * Glue's SchemaChangePolicy values. Plain strings, no AWS SDK types, so that the CDK stacks can use
 * it as it is.
 */
public record CrawlerDefinition(String name, String database, List<String> catalogTables, List<String> s3Paths, String tablePrefix,
                                String updateBehavior, String deleteBehavior, String configuration) {
    public CrawlerDefinition {
        catalogTables = List.copyOf(catalogTables);
        s3Paths = List.copyOf(s3Paths);
    }
}
