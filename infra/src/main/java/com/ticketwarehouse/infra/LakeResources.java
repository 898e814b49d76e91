package com.ticketwarehouse.infra;

import com.ticketwarehouse.archive.Archive;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.IBucket;

import java.util.List;

/** The ARNs of the lake's parts, as one environment's stack names them: folders of the bucket, Glue tables, crawlers, workgroup. */
record LakeResources(Stack stack, IBucket bucket, String prefix, String database, List<String> tables, List<String> crawlers,
                     String workgroup) {
    static final String CURATED = "curated", ACTIVITY = "activity", ATHENA_RESULTS = "athena-results";
    static final List<String> FOLDERS = List.of(Archive.RAW, Archive.MANIFESTS, CURATED, ACTIVITY, ATHENA_RESULTS);

    /** A folder of the lake, as a key prefix ending with a slash. */
    String folder(String name) {
        if (!FOLDERS.contains(name)) {
            throw new IllegalArgumentException("not a folder of the lake: " + name);
        }
        return prefix + "/" + name + "/";
    }

    String objects(String folder) {
        return bucket.arnForObjects(folder(folder) + "*");
    }

    String url(String folder) {
        return "s3://" + bucket.getBucketName() + "/" + folder(folder);
    }

    String catalog() {
        return glue("catalog", null);
    }

    String databaseArn() {
        return glue("database", database);
    }

    List<String> tableArns() {
        return tables.stream().map(t -> glue("table", database + "/" + t)).toList();
    }

    List<String> crawlerArns() {
        return crawlers.stream().map(c -> glue("crawler", c)).toList();
    }

    String workgroupArn() {
        return stack.formatArn(ArnComponents.builder().service("athena").resource("workgroup").resourceName(workgroup).build());
    }

    private String glue(String resource, String name) {
        return stack.formatArn(ArnComponents.builder().service("glue").resource(resource).resourceName(name).build());
    }
}
