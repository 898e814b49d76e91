package com.ticketwarehouse.infra;

import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.aws.CrawlerDefinition;
import com.ticketwarehouse.lake.CrawlerDefinitions;
import com.ticketwarehouse.aws.StackOutputs;
import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;
import com.ticketwarehouse.lake.RawTableDdl;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IStackSynthesizer;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.glue.CfnCrawler;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.ticketwarehouse.infra.Nag.suppress;

/**
 * Everything one environment runs (ticket-warehouse-&lt;env&gt;): the lake's bucket, the Glue
 * database and crawlers, the Athena workgroup, the API secrets (without values), one function per
 * job on its schedule, and the alarms. Names come from the project's own settings, entities and
 * jobs, so the stack and {@code ./tw} agree by construction.
 */
public final class ApplicationStack extends Stack {
    static final String HANDLER = "com.ticketwarehouse.lambda.Handler::handleRequest";
    static final String ALIAS = "live";
    /** The routes of the jobs that load, whose logs say when they archived a field no raw table defines. */
    static final List<String> LOADING_ROUTES = List.of("sync", "load");

    public ApplicationStack(Construct scope, String id, EnvironmentConfig config, Path lambdaJar, IStackSynthesizer synthesizer) {
        super(scope, id, StackProps.builder().synthesizer(synthesizer).stackName(StackOutputs.stackName(config.name())).env(config.environment())
                .description("Ticket Warehouse " + config.name() + ": lake bucket, Glue crawlers, Athena workgroup, scheduled jobs, alarms")
                .build());
        if (!Files.isRegularFile(lambdaJar)) {
            throw new IllegalArgumentException("the Lambda package " + lambdaJar + " is missing: build it first (./mvnw -B -DskipTests -pl lambda-shim -am package), or pass -c lambdaJar=PATH");
        }
        RemovalPolicy removal = config.keepDataOnDelete() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        // ---- the lake's bucket, its access logs beside it
        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs").encryption(BucketEncryption.S3_MANAGED).enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).versioned(false).removalPolicy(removal).autoDeleteObjects(!config.keepDataOnDelete())
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(config.accessLogsExpireAfterDays())).build()))
                .build();
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(suppress("AwsSolutions-S1",
                "this is the access-log bucket of the lake's bucket; logging its own access would loop")));
        Bucket bucket = Bucket.Builder.create(this, "Lake").encryption(BucketEncryption.S3_MANAGED).enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).versioned(true)
                .serverAccessLogsBucket(accessLogs).serverAccessLogsPrefix("lake-bucket/")
                .removalPolicy(removal).autoDeleteObjects(!config.keepDataOnDelete())
                .build();

        // ---- the settings the aws target reads, with this stack's bucket in them, and the lake's parts they name
        ProjectSettings deployed = ProjectSettings.of(Map.of("ENV", config.name(), "BUCKET_NAME", bucket.getBucketName()),
                Map.of("tw.jobs.disabled", String.join(",", config.disabledJobs())));
        String prefix = deployed.get("tw.archive.prefix").replaceAll("^/+|/+$", "");
        String database = deployed.get("tw.aws.database");
        String crawlerPrefix = deployed.get("tw.aws.crawler-prefix");
        String workgroup = "ticket-warehouse-" + config.name();
        List<CrawlerDefinition> crawlerDefinitions = CrawlerDefinitions.of(crawlerPrefix, database);
        List<RawTableDdl.Table> rawTables = RawTableDdl.tables();
        List<String> tables = new ArrayList<>(rawTables.stream().map(RawTableDdl.Table::name).toList());
        SqlModels.load().stream().map(SqlModel::name).forEach(tables::add);
        LakeResources lake = LakeResources.of(this, bucket, prefix, deployed.get("tw.aws.athena-output"), database, tables,
                crawlerDefinitions.stream().map(CrawlerDefinition::name).toList(), workgroup);

        bucket.addLifecycleRule(LifecycleRule.builder().id("expire-athena-results").prefix(lake.athenaResults())
                .expiration(Duration.days(config.athenaResultsExpireAfterDays())).build());
        bucket.addLifecycleRule(LifecycleRule.builder().id("raw-archives-to-infrequent-access").prefix(lake.raw())
                .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                        .transitionAfter(Duration.days(config.rawToInfrequentAccessAfterDays())).build())).build());
        // the archives and manifests keep their old versions a while (a mistaken delete or overwrite can be undone);
        // what is derived from them is rewritten by every transform, query or run, and its old versions are worth nothing
        for (String kept : List.of(lake.raw(), lake.manifests())) {
            bucket.addLifecycleRule(LifecycleRule.builder().id("expire-noncurrent-versions-" + folderName(kept)).prefix(kept)
                    .noncurrentVersionExpiration(Duration.days(config.noncurrentVersionsExpireAfterDays())).build());
        }
        for (String derived : List.of(lake.curated(), lake.athenaResults(), lake.state(), lake.activity())) {
            bucket.addLifecycleRule(LifecycleRule.builder().id("expire-noncurrent-versions-" + folderName(derived)).prefix(derived)
                    .noncurrentVersionExpiration(Duration.days(1)).build());
        }
        bucket.addLifecycleRule(LifecycleRule.builder().id("abort-incomplete-uploads").abortIncompleteMultipartUploadAfter(Duration.days(7)).build());

        // ---- Glue: the database, and the crawlers ./tw crawl would make, under a role that reads only the archives
        CfnDatabase glueDatabase = CfnDatabase.Builder.create(this, "Database").catalogId(getAccount())
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder().name(database)
                        .description("Ticket Warehouse " + config.name() + ": raw archives and models").build()).build();
        // the raw tables of the DDL, as the crawl makes them (it redefines a table that differs): the crawlers run over them
        String lakeRoot = "s3://" + bucket.getBucketName() + (prefix.isEmpty() ? "" : "/" + prefix);
        List<CfnTable> glueTables = new ArrayList<>();
        for (RawTableDdl.Table table : rawTables) {
            CfnTable glueTable = CfnTable.Builder.create(this, "Table-" + table.name()).catalogId(getAccount()).databaseName(database)
                    .tableInput(CfnTable.TableInputProperty.builder().name(table.name()).tableType("EXTERNAL_TABLE")
                            .parameters(table.properties()).partitionKeys(glueColumns(table.partitions()))
                            .storageDescriptor(CfnTable.StorageDescriptorProperty.builder().columns(glueColumns(table.columns()))
                                    .location(table.location(lakeRoot)).inputFormat(RawTableDdl.INPUT_FORMAT).outputFormat(RawTableDdl.OUTPUT_FORMAT)
                                    .serdeInfo(CfnTable.SerdeInfoProperty.builder().serializationLibrary(table.serde()).build()).build())
                            .build())
                    .build();
            glueTable.addResourceDependency(glueDatabase);
            glueTables.add(glueTable);
        }
        Role crawlerRole = crawlerRole(lake);
        for (CrawlerDefinition definition : crawlerDefinitions) {
            CfnCrawler.TargetsProperty targets = CfnCrawler.TargetsProperty.builder()
                    .catalogTargets(definition.catalogTables().isEmpty() ? null : List.of(CfnCrawler.CatalogTargetProperty.builder()
                            .databaseName(definition.database()).tables(definition.catalogTables()).build()))
                    .s3Targets(definition.s3Paths().isEmpty() ? null
                            : definition.s3Paths().stream().map(p -> CfnCrawler.S3TargetProperty.builder().path(p).build()).toList())
                    .build();
            CfnCrawler crawler = CfnCrawler.Builder.create(this, "Crawler-" + definition.name()).name(definition.name())
                    .role(crawlerRole.getRoleArn()).databaseName(definition.database()).targets(targets)
                    .tablePrefix(definition.tablePrefix().isEmpty() ? null : definition.tablePrefix())
                    .schemaChangePolicy(CfnCrawler.SchemaChangePolicyProperty.builder().updateBehavior(definition.updateBehavior())
                            .deleteBehavior(definition.deleteBehavior()).build())
                    .configuration(definition.configuration())
                    .description("Ticket Warehouse: started by './tw crawl' only, never on a schedule").build();
            glueTables.forEach(crawler::addResourceDependency);
            NagSuppressions.addResourceSuppressions(crawler, List.of(suppress("AwsSolutions-GL1",
                    "the crawler's logs hold crawl status, paths and column names, never records; they stay in the account's CloudWatch Logs")));
        }

        // ---- Athena: the workgroup, its settings enforced, results encrypted in the lake, a cutoff per query
        CfnWorkGroup athena = CfnWorkGroup.Builder.create(this, "Workgroup").name(workgroup).state("ENABLED")
                .description("Ticket Warehouse " + config.name() + ": transforms and queries")
                .recursiveDeleteOption(!config.keepDataOnDelete())
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true).publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(config.bytesScannedCutoffPerQuery())
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder().selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder().outputLocation(lake.url(lake.athenaResults()))
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder().encryptionOption("SSE_S3").build())
                                .build())
                        .build())
                .build();

        // ---- the API credentials: made empty here, put in by an operator (docs/deploying.md), read only by the load jobs
        ISecret ticketsauce = apiSecret("TicketsauceApiSecret", deployed.get("tw.aws.ticketsauce-secret"),
                "Ticketsauce API credentials, JSON {\"client_id\",\"client_secret\"}", removal);
        ISecret stripe = apiSecret("StripeApiSecret", deployed.get("tw.aws.stripe-secret"), "Stripe API key, JSON {\"api_key\"}", removal);

        // ---- watch: alarms to a topic, an email subscribed. The topic has no customer-managed key: CloudWatch cannot publish
        // to one under the AWS-managed SNS key, and a key of our own ($1 a month, a fifth of the environment's bill) would guard
        // what the email it is delivered as shows in clear anyway (docs/operations.md, "Alarms")
        Topic alarms = Topic.Builder.create(this, "Alarms").topicName("ticket-warehouse-" + config.name() + "-alarms")
                .enforceSsl(true).build();
        NagSuppressions.addResourceSuppressions(alarms, List.of(suppress("AwsSolutions-SNS2",
                "the alarm notifications hold alarm names, descriptions and metric values, never records or secrets, and are delivered "
                        + "by email, in clear; CloudWatch cannot publish to a topic under the AWS-managed key, and a customer-managed key "
                        + "for this alone would be a fifth of the environment's monthly bill")));
        alarms.addSubscription(new EmailSubscription(config.alarmEmail()));
        SnsAction notify = new SnsAction(alarms);

        Queue deadLetters = Queue.Builder.create(this, "DeadLetters").queueName("ticket-warehouse-" + config.name() + "-dead-letters")
                .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).retentionPeriod(Duration.days(14)).build();
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(suppress("AwsSolutions-SQS3",
                "this queue is the dead-letter queue (the functions' failure destination); it has none of its own")));
        // every job's failures end here (a run that failed or timed out is not retried; a trigger that waited past its age behind
        // a run still going is dropped here; a trigger EventBridge could not deliver too): one alarm for them all
        alarm("DeadLettersAlarm", deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().period(Duration.minutes(5))
                .statistic("Maximum").build()), 1, "a job's run failed, timed out or was dropped: read the messages of "
                + deadLetters.getQueueName() + " (each names its function and why), then delete them", notify);

        // ---- one function per job (its own reserved concurrency of 1 makes one run at a time per job), on the job's schedule
        // the reports send through SES as the configured sender: its address's identity or its domain's
        String sender = config.reportSender();
        JobAccess access = new JobAccess(lake, List.of(ticketsauce, stripe), sender, List.of(sender, sender.substring(sender.indexOf('@') + 1)).stream()
                .map(identity -> "arn:" + getPartition() + ":ses:" + getRegion() + ":" + getAccount() + ":identity/" + identity).toList(),
                // the data sets ./tw quicksight makes (tw.quicksight.prefix of application-aws.properties), which a SPICE transform
                // refreshes; the pattern covers their ingestions (dataset/ID/ingestion/ID)
                config.spice() ? Optional.of("arn:" + getPartition() + ":quicksight:" + getRegion() + ":" + getAccount() + ":dataset/ticket-warehouse-"
                        + config.name() + "-*") : Optional.empty());
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("TW_TARGET", "aws");
        variables.put("ENV", config.name());
        variables.put("BUCKET_NAME", bucket.getBucketName());
        variables.put("TW_S3_PREFIX", prefix);
        variables.put("TW_GLUE_DATABASE", database);
        variables.put("TW_CRAWLER_ROLE", crawlerRole.getRoleArn());
        variables.put("TW_ATHENA_WORKGROUP", workgroup);
        variables.put("TW_ATHENA_OUTPUT", lake.url(lake.athenaResults()));
        variables.put("TW_TICKETSAUCE_SECRET", deployed.get("tw.aws.ticketsauce-secret"));
        variables.put("TW_STRIPE_SECRET", deployed.get("tw.aws.stripe-secret"));
        variables.put("TW_JOBS_DISABLED", String.join(",", config.disabledJobs()));
        variables.put("TW_REPORT_MAIL", "ses");
        variables.put("TW_REPORT_FROM", sender);
        variables.put("TW_QUICKSIGHT_IMPORT_MODE", config.quicksightImportMode());
        variables.put("TW_QUICKSIGHT_DAILY_INGESTIONS", String.valueOf(config.quicksightDailyIngestions()));
        Code code = Code.fromAsset(lambdaJar.toString());
        List<String> functionNames = new ArrayList<>();
        Metric undefinedFields = Metric.Builder.create().namespace("TicketWarehouse/" + config.name()).metricName("UndefinedFields")
                .statistic("Sum").period(Duration.minutes(5)).build();
        alarm("UndefinedFieldsAlarm", undefinedFields, 1, "a load archived fields that no raw table defines: './tw status' names them; "
                + "add them to athena/raw_tables.sql for the models to read them (no crawler runs by itself)", notify);
        Metric nearTimeout = Metric.Builder.create().namespace(undefinedFields.getNamespace()).metricName("NearTimeout")
                .statistic("Sum").period(Duration.minutes(5)).build();
        alarm("NearTimeoutAlarm", nearTimeout, 1, "a job's run took over " + Math.round(Jobs.NEAR_TIMEOUT_SHARE * 100) + "% of its "
                + config.timeoutMinutes() + " min timeout: its log group's line '" + Jobs.NEAR_TIMEOUT_REPORT + "' names it", notify);
        List<String> jobNames = deployed.jobs().stream().map(Job::name).toList();
        for (String sized : config.jobMemoryMb().keySet()) {
            if (!jobNames.contains(sized)) {
                throw new IllegalArgumentException("cdk.json context environments." + config.name() + ".jobMemoryMb names no job: " + sized
                        + " (the jobs: " + String.join(", ", jobNames) + ")");
            }
        }
        for (Job job : deployed.jobs()) {
            String name = "ticket-warehouse-" + config.name() + "-" + job.name();
            functionNames.add(name);
            String jobId = "Job-" + job.name();
            LogGroup logs = LogGroup.Builder.create(this, jobId + "-Logs").logGroupName("/aws/lambda/" + name)
                    .retention(RetentionDays.valueOf(config.logRetention())).removalPolicy(removal).build();
            Role role = Role.Builder.create(this, jobId + "-Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("the " + job.name() + " job of Ticket Warehouse " + config.name()).build();
            role.addToPolicy(JobAccess.allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logs.getLogGroupArn() + ":*"));
            Function function = Function.Builder.create(this, jobId).functionName(name)
                    .description("Ticket Warehouse job " + job.name() + ": direct:" + job.route() + " " + job.input() + ", " + job.rateExpression())
                    .runtime(Runtime.JAVA_21).handler(HANDLER).code(code).memorySize(config.memoryMb(job.name()))
                    .timeout(Duration.minutes(config.timeoutMinutes())).role(role).logGroup(logs)
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS).reservedConcurrentExecutions(1)
                    .environment(variables).build();
            access.grant(job, function);
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "every deployment publishes a version (currentVersion), the one the live alias and the schedule call");
            // a run that fails is not retried (the next scheduled run is the retry) but lands in the dead letters;
            // so does a trigger that waited longer than the cadence behind a run still going
            Alias alias = Alias.Builder.create(this, jobId + "-Alias").aliasName(ALIAS).version(function.getCurrentVersion())
                    .onFailure(new SqsDestination(deadLetters)).retryAttempts(0)
                    .maxEventAge(Duration.seconds(Math.max(60, Math.min(6 * 3600, job.every().toSeconds())))).build();
            Rule.Builder.create(this, jobId + "-Schedule").ruleName(name).enabled(job.enabled())
                    .description("Ticket Warehouse job " + job.name() + (job.enabled() ? "" : " (switched off in " + config.name() + ")"))
                    .schedule(Schedule.expression(job.rateExpression()))
                    .targets(List.of(LambdaFunction.Builder.create(alias).event(RuleTargetInput.fromObject(Map.of("job", job.name())))
                            .deadLetterQueue(deadLetters).retryAttempts(2).build()))
                    .build();
            NagSuppressions.addResourceSuppressions(function, List.of(suppress("AwsSolutions-L1",
                    "java21 (LTS) runs the package built for the project's Java 17, whose own runtime takes no new functions since 2026-07-31; java25 waits for the project to test on it")));
            if (LOADING_ROUTES.contains(job.route())) {
                // the line a load prints when it archived fields no raw table defines
                countLines(jobId + "-UndefinedFields", logs, Loads.UNDEFINED_FIELDS_REPORT, undefinedFields);
            }
            // the line a run prints when it took most of its invocation's time (JobRunner)
            countLines(jobId + "-NearTimeout", logs, Jobs.NEAR_TIMEOUT_REPORT, nearTimeout);
        }

        // ---- what ./tw --target aws --env <env> reads
        output("LakeBucket", bucket.getBucketName());
        output("LakePrefix", prefix);
        output("GlueDatabase", database);
        output("CrawlerRole", crawlerRole.getRoleArn());
        output("CrawlerPrefix", crawlerPrefix);
        output("AthenaWorkgroup", athena.getName());
        output("AthenaOutput", lake.url(lake.athenaResults()));
        output("TicketsauceSecret", deployed.get("tw.aws.ticketsauce-secret"));
        output("StripeSecret", deployed.get("tw.aws.stripe-secret"));
        output("JobFunctions", String.join(",", functionNames));
        output("AlarmTopic", alarms.getTopicArn());
        output("DeadLetterQueue", deadLetters.getQueueUrl());
        Nag.suppressApplication(this, prefix);
        if (!config.keepDataOnDelete()) {
            NagSuppressions.addStackSuppressions(this, List.of(
                    suppress("AwsSolutions-IAM4", "the CDK's own provider that empties the buckets of a stack whose data is not kept uses "
                            + "AWSLambdaBasicExecutionRole", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")));
        }
    }

    /** A folder's last name, for the id of its rule. */
    private static String folderName(String folder) {
        String[] parts = folder.split("/");
        return parts[parts.length - 1];
    }

    private void output(String key, String value) {
        CfnOutput.Builder.create(this, key).value(value).description(StackOutputs.settingOf(key).map(s -> "setting " + s).orElse(key)).build();
    }

    private ISecret apiSecret(String id, String name, String description, RemovalPolicy removal) {
        Secret secret = Secret.Builder.create(this, id).secretName(name).removalPolicy(removal)
                .description(description + ": a placeholder until an operator puts the value (docs/deploying.md, deploy runbook)").build();
        NagSuppressions.addResourceSuppressions(secret, List.of(suppress("AwsSolutions-SMG4",
                "the value is an API credential issued by Ticketsauce or Stripe; it is rotated there and put here by hand")));
        return secret;
    }

    /** The crawlers' role: reads the archives the crawlers walk, writes their tables and their logs. */
    private Role crawlerRole(LakeResources lake) {
        Role role = Role.Builder.create(this, "CrawlersRole").assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Ticket Warehouse: the Glue crawlers read the raw archives and write their tables").build();
        role.addToPolicy(JobAccess.allow(List.of("s3:GetObject"), lake.objects(lake.raw())));
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("s3:ListBucket")).resources(List.of(lake.bucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(lake.raw() + "*"))))
                .build());
        List<String> catalog = new ArrayList<>(List.of(lake.catalog(), lake.databaseArn()));
        catalog.addAll(lake.tableArns());
        role.addToPolicy(JobAccess.allow(List.of("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
                "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition",
                "glue:UpdatePartition", "glue:BatchUpdatePartition"), catalog.toArray(String[]::new)));
        role.addToPolicy(JobAccess.allow(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                formatArn(software.amazon.awscdk.ArnComponents.builder().service("logs").resource("log-group")
                        .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).resourceName("/aws-glue/crawlers:*").build())));
        return role;
    }

    /** Columns as the Glue catalog holds them: names in lower case, as the crawl writes them (AthenaLake.tableInput). */
    private static List<CfnTable.ColumnProperty> glueColumns(List<RawTableDdl.Column> columns) {
        return columns.stream().map(c -> CfnTable.ColumnProperty.builder().name(c.name().toLowerCase(Locale.ROOT))
                .type(RawTableDdl.type(c.type(), RawTableDdl.GLUE)).build()).toList();
    }

    /** The metric counts the log group's lines that hold the text. */
    private void countLines(String id, LogGroup logs, String text, Metric metric) {
        MetricFilter.Builder.create(this, id).logGroup(logs).filterPattern(FilterPattern.literal("\"" + text + "\""))
                .metricNamespace(metric.getNamespace()).metricName(metric.getMetricName()).metricValue("1").build();
    }

    private void alarm(String id, IMetric metric, double threshold, String description, SnsAction notify) {
        Alarm alarm = Alarm.Builder.create(this, id).metric(metric).threshold(threshold).evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description).build();
        alarm.addAlarmAction(notify);
    }
}
