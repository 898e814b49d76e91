package com.ticketwarehouse.infra;

import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.lake.AthenaLake;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.ISecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job's function may touch, by the route it sends to: only the folders, tables, crawlers,
 * workgroup and secrets that route uses. A job whose route is not here stops the synth, so a new
 * route gets its access decided, never a broad one by default.
 */
final class JobAccess {
    private final LakeResources lake;
    private final List<ISecret> apiSecrets;
    private final String sender;
    private final List<String> senderIdentities;
    private final Optional<String> spiceDataSets;

    /**
     * @param sender           the address the reports are sent from
     * @param senderIdentities the ARNs of its SES identities (the address, its domain): all the reports may send as
     * @param spiceDataSets    with SPICE, the ARN pattern of the data sets whose ingestions a transform starts
     */
    JobAccess(LakeResources lake, List<ISecret> apiSecrets, String sender, List<String> senderIdentities, Optional<String> spiceDataSets) {
        this.lake = lake;
        this.apiSecrets = apiSecrets;
        this.sender = sender;
        this.senderIdentities = senderIdentities;
        this.spiceDataSets = spiceDataSets;
    }

    void grant(Job job, IGrantable function) {
        List<PolicyStatement> statements = switch (job.route()) {
            case "load" -> load(function);
            case "sync" -> sync(function);
            case "crawl" -> crawl();
            case "compact" -> compact();
            case "transform" -> transform();
            case "report" -> report();
            default -> throw new IllegalArgumentException("job " + job.name() + " sends to direct:" + job.route()
                    + ", whose AWS access the stack does not know: add it to " + JobAccess.class.getSimpleName());
        };
        statements.forEach(s -> function.getGrantPrincipal().addToPrincipalPolicy(s));
    }

    /**
     * Archives and manifests written, the run's partitions registered, the API credentials read. Only
     * the loads may read the secrets (every function is told their names: the settings want them).
     */
    private List<PolicyStatement> load(IGrantable function) {
        apiSecrets.forEach(secret -> secret.grantRead(function));
        return List.of(
                allow(List.of("s3:PutObject", "s3:AbortMultipartUpload"), lake.objects(lake.raw()), lake.objects(lake.manifests())),
                catalog("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:BatchCreatePartition"),
                // the records' fingerprints under state/, read and moved on when the run completes; listing the
                // folder, so that one not written yet reads as missing (404), not forbidden
                listing(lake.state()),
                allow(List.of("s3:GetObject", "s3:PutObject"), lake.objects(lake.state())));
    }

    /**
     * A load that also reads Stripe from the watermarks under state/. The crawl a sync starts after a
     * new entity is not granted: the stacks define every raw table, so on aws a sync never finds one
     * missing; the transform is a job of its own there.
     */
    private List<PolicyStatement> sync(IGrantable function) {
        return load(function);
    }

    /**
     * A closed day's run partitions read and rewritten as a few objects, the replaced ones deleted,
     * the runs' manifests marked, its own partitions registered and the replaced runs' removed; what days are done under state/.
     */
    private List<PolicyStatement> compact() {
        return List.of(
                listing(lake.raw(), lake.manifests(), lake.state()),
                allow(List.of("s3:GetObject", "s3:PutObject"), lake.objects(lake.raw()), lake.objects(lake.manifests()), lake.objects(lake.state())),
                // what a killed compaction left unfinished (an abandoned one's objects, a replaced run's manifest, its state), found and removed
                allow(List.of("s3:ListBucketMultipartUploads"), lake.bucket().getBucketArn()),
                allow(List.of("s3:AbortMultipartUpload"), lake.objects(lake.raw()), lake.objects(lake.manifests()), lake.objects(lake.state())),
                allow(List.of("s3:DeleteObject"), lake.objects(lake.raw())),
                catalog("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:BatchCreatePartition", "glue:DeletePartition"));
    }

    /**
     * The raw tables defined, the crawlers checked against their definitions, started and awaited.
     * Not CreateCrawler, DeleteCrawler or iam:PassRole: the stack made the crawlers as the crawl
     * defines them, and a crawl that finds one different fails here rather than replacing it.
     */
    private List<PolicyStatement> crawl() {
        List<PolicyStatement> statements = new ArrayList<>(List.of(
                listing(lake.raw(), lake.manifests()),
                allow(List.of("s3:PutObject"), lake.objects(lake.activity())),
                // the raw tables made, or redefined where they differ from the DDL, before the crawlers run over them
                catalog("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable"),
                allow(List.of("glue:GetCrawler", "glue:BatchGetCrawlers", "glue:StartCrawler"), lake.crawlerArns().toArray(String[]::new))));
        return statements;
    }

    /**
     * The models refreshed by Athena into curated/: raw and manifests read, curated and Athena's results written; the
     * refresh's state (the runs read), the maintenance's, its lease and the SPICE ingestions' under state/; with SPICE, the changed marts' data sets
     * ingested and awaited.
     */
    private List<PolicyStatement> transform() {
        List<PolicyStatement> statements = new ArrayList<>(List.of(
                allow(List.of("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution",
                                "athena:GetWorkGroup"),
                        lake.workgroupArn()),
                // Athena works on the catalog as the caller: reading tables, and CTAS and DROP TABLE on the models' (with their partitions)
                catalog("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable",
                        "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition",
                        "glue:DeletePartition", "glue:BatchDeletePartition"),
                allow(List.of("s3:GetBucketLocation", "s3:ListBucketMultipartUploads"), lake.bucket().getBucketArn()),
                listing(lake.raw(), lake.manifests(), lake.curated(), lake.athenaResults(), lake.state()),
                allow(List.of("s3:GetObject"), lake.objects(lake.raw()), lake.objects(lake.manifests()), lake.objects(lake.curated()),
                        lake.objects(lake.athenaResults()), lake.objects(lake.state())),
                allow(List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), lake.objects(lake.curated()),
                        lake.objects(lake.athenaResults()), lake.objects(lake.activity()), lake.objects(lake.state())),
                // under curated/ (dropped tables, VACUUM), and the lease that keeps transforms one at a time, removed when one ends
                allow(List.of("s3:DeleteObject"), lake.objects(lake.curated()), lake.object(lake.state() + AthenaLake.TRANSFORM_LEASE))));
        spiceDataSets.ifPresent(dataSets -> statements.add(allow(List.of("quicksight:CreateIngestion", "quicksight:DescribeIngestion"),
                dataSets)));
        return statements;
    }

    /**
     * A report reads the marts through Athena, keeps its delivery ledger under state/, and sends
     * mail through SES as the sender identity only, from the sender's address only.
     */
    private List<PolicyStatement> report() {
        return List.of(
                allow(List.of("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution",
                        "athena:GetWorkGroup"), lake.workgroupArn()),
                catalog("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"),
                allow(List.of("s3:GetBucketLocation"), lake.bucket().getBucketArn()),
                listing(lake.curated(), lake.athenaResults(), lake.state()),
                allow(List.of("s3:GetObject"), lake.objects(lake.curated()), lake.objects(lake.athenaResults()), lake.objects(lake.state())),
                allow(List.of("s3:PutObject", "s3:AbortMultipartUpload"), lake.objects(lake.athenaResults()), lake.objects(lake.state())),
                PolicyStatement.Builder.create().actions(List.of("ses:SendEmail", "ses:SendRawEmail")).resources(senderIdentities)
                        .conditions(Map.of("StringEquals", Map.of("ses:FromAddress", sender))).build());
    }

    /** The lake's Glue database and its tables (the raw entities', load_runs, the models'), nothing else of the catalog. */
    private PolicyStatement catalog(String... actions) {
        List<String> resources = new ArrayList<>(List.of(lake.catalog(), lake.databaseArn()));
        resources.addAll(lake.tableArns());
        return allow(List.of(actions), resources.toArray(String[]::new));
    }

    /** Listing the bucket, only under the given folders. */
    private PolicyStatement listing(String... folders) {
        return PolicyStatement.Builder.create().actions(List.of("s3:ListBucket")).resources(List.of(lake.bucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix",
                        List.of(folders).stream().map(f -> f + "*").toList()))).build();
    }

    static PolicyStatement allow(List<String> actions, String... resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(List.of(resources)).build();
    }
}
