package com.ticketwarehouse.aws;

import com.ticketwarehouse.archive.Archive;

import java.util.ArrayList;
import java.util.List;

/**
 * The lake's Glue crawlers, in plain values (no AWS SDK): what {@code ./tw crawl} makes and the
 * CDK stacks deploy, from one list of entities, so both name, place and prefix them alike.
 */
public final class CrawlerDefinitions {
    /** The manifests' table: made by the lake itself, its crawler only adds partitions to it. */
    public static final String LOAD_RUNS = "load_runs";

    /**
     * A crawler over the S3 folder {@code s3Path}, or over the existing table {@code catalogTable}
     * (exactly one of the two is set). The behaviours are Glue's SchemaChangePolicy values.
     */
    public record Crawler(String name, String s3Path, String catalogTable, String tablePrefix, String updateBehavior,
                          String deleteBehavior) {
    }

    private CrawlerDefinitions() {
    }

    /**
     * The crawler of each raw entity, then the manifests' crawler, in the order they are started.
     *
     * @param crawlerPrefix what every crawler name starts with (tw.aws.crawler-prefix)
     * @param lakeUrl       {@code s3://bucket/} and the lake's prefix with a trailing slash, if any
     * @param entities      what the loads archive, as {@code source/entity}
     */
    public static List<Crawler> of(String crawlerPrefix, String lakeUrl, List<String> entities) {
        List<Crawler> crawlers = new ArrayList<>();
        for (String entity : entities) {
            String[] parts = entity.split("/");
            crawlers.add(new Crawler(crawlerPrefix + "raw-" + parts[0] + "-" + parts[1].replace('_', '-'),
                    lakeUrl + Archive.RAW + "/" + parts[0] + "/" + parts[1] + "/", null, "raw_" + parts[0] + "_",
                    "UPDATE_IN_DATABASE", "DEPRECATE_IN_DATABASE"));
        }
        // Glue names a table after its folder, so the manifests' table is ours, and its crawler only adds partitions to it
        crawlers.add(new Crawler(crawlerPrefix + "load-runs", null, LOAD_RUNS, "", "LOG", "LOG"));
        return List.copyOf(crawlers);
    }
}
