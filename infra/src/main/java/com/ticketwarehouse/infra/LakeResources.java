package com.ticketwarehouse.infra;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.lake.AthenaLake;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.IBucket;

import java.util.List;

/**
 * The lake's parts as one environment's stack names them: its folders (key prefixes ending with a
 * slash, named as the lake names them), Glue catalog, tables, crawlers and Athena workgroup.
 */
record LakeResources(Stack stack, IBucket bucket, String raw, String manifests, String curated, String activity, String state, String athenaResults,
                     String database, List<String> tables, List<String> crawlers, String workgroup) {

    /**
     * @param prefix        the lake's prefix in the bucket (tw.archive.prefix)
     * @param athenaOutput  where Athena's results go (tw.aws.athena-output): a folder of the same bucket
     */
    static LakeResources of(Stack stack, IBucket bucket, String prefix, String athenaOutput, String database, List<String> tables,
                            List<String> crawlers, String workgroup) {
        String base = prefix.isEmpty() ? "" : prefix + "/";
        String inBucket = "s3://" + bucket.getBucketName() + "/";
        if (!athenaOutput.startsWith(inBucket) || !athenaOutput.endsWith("/")) {
            throw new IllegalArgumentException("tw.aws.athena-output '" + athenaOutput + "' must be a folder of the lake's bucket");
        }
        return new LakeResources(stack, bucket, base + Archive.RAW + "/", base + Archive.MANIFESTS + "/", base + AthenaLake.CURATED + "/",
                base + AthenaLake.ACTIVITY + "/", base + Archive.STATE + "/", athenaOutput.substring(inBucket.length()), database, tables, crawlers, workgroup);
    }

    /** The objects under a folder. */
    String objects(String folder) {
        return bucket.arnForObjects(folder + "*");
    }

    /** One object, by its key. */
    String object(String key) {
        return bucket.arnForObjects(key);
    }

    String url(String folder) {
        return "s3://" + bucket.getBucketName() + "/" + folder;
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
