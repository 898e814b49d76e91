package com.ticketwarehouse.infra;

import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.CrawlerDefinitions;
import com.ticketwarehouse.aws.StackOutputs;
import com.ticketwarehouse.lake.RawTableDdl;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Development's and production's application stacks, checked on their synthesized templates. */
class ApplicationStackTest {
    static Template development, production, staging;
    static List<Job> jobs;

    @BeforeAll
    static void synthesize() throws IOException {
        Synthesized app = Synthesized.app();
        development = app.template(app.infra.development());
        staging = app.template(app.infra.pipeline().staging().stack());
        production = app.template(app.infra.pipeline().production().stack());
        // the jobs as the aws target reads them: application.properties with application-aws.properties over it, as packaged
        Properties properties = new Properties();
        for (String file : List.of("application.properties", "application-aws.properties")) {
            try (InputStream in = ApplicationStackTest.class.getClassLoader().getResourceAsStream(file)) {
                properties.load(in);
            }
        }
        jobs = Jobs.read(key -> key.equals("tw.jobs.disabled") ? Optional.empty() : Optional.ofNullable(properties.getProperty(key)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @Test
    void the_lake_bucket_is_encrypted_private_versioned_logged_and_tls_only() {
        for (Template template : List.of(development, production)) {
            template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                    "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault",
                            Map.of("SSEAlgorithm", "AES256")))),
                    "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                            "RestrictPublicBuckets", true),
                    "VersioningConfiguration", Map.of("Status", "Enabled"),
                    "LoggingConfiguration", Match.objectLike(Map.of("DestinationBucketName", Match.anyValue())),
                    "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Id", "expire-athena-results", "Prefix", "lake/athena-results/", "Status", "Enabled",
                                    "ExpirationInDays", Match.anyValue())),
                            Match.objectLike(Map.of("Id", "raw-archives-to-infrequent-access", "Prefix", "lake/raw/",
                                    "Transitions", List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", Match.anyValue()))))))))));
            // every bucket (the lake's and its log bucket) denies anything not over TLS
            assertThat(resources(template, "AWS::S3::BucketPolicy")).hasSize(2).allSatisfy((id, policy) ->
                    assertThat(properties(policy).toString()).contains("aws:SecureTransport=false").contains("Effect=Deny"));
        }
        // old versions: the archives and manifests keep theirs as the environment says, what is derived from them a day
        for (String kept : List.of("raw", "manifests")) {
            production.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("Id", "expire-noncurrent-versions-" + kept, "Prefix", "lake/" + kept + "/",
                            "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 90)))))))));
        }
        for (String derived : List.of("curated", "athena-results", "state", "activity")) {
            production.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("Id", "expire-noncurrent-versions-" + derived, "Prefix", "lake/" + derived + "/",
                            "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 1)))))))));
        }
        // the access logs as long as the environment says
        production.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", List.of(
                Match.objectLike(Map.of("Id", "expire-access-logs", "ExpirationInDays", 365)))))));
        development.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", List.of(
                Match.objectLike(Map.of("Id", "expire-access-logs", "ExpirationInDays", 30)))))));
        // the ages from cdk.json's environments
        production.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Id", "raw-archives-to-infrequent-access", "Transitions",
                        List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 90))))))))));
    }

    @Test
    void production_keeps_its_data_when_the_stack_is_deleted_and_development_does_not() {
        assertThat(resources(production, "AWS::S3::Bucket").values()).allSatisfy(b -> assertThat(b.get("DeletionPolicy")).isEqualTo("Retain"));
        assertThat(resources(production, "AWS::SecretsManager::Secret").values()).allSatisfy(b -> assertThat(b.get("DeletionPolicy")).isEqualTo("Retain"));
        assertThat(resources(development, "AWS::S3::Bucket").values()).allSatisfy(b -> assertThat(b.get("DeletionPolicy")).isEqualTo("Delete"));
        // a bucket is only deleted empty: development's are emptied first
        assertThat(resources(development, "Custom::S3AutoDeleteObjects")).hasSize(2);
        assertThat(resources(production, "Custom::S3AutoDeleteObjects")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_crawler_per_raw_entity_named_and_placed_as_tw_crawl_makes_them() {
        Map<String, Map<String, Object>> crawlers = new TreeMap<>();
        resources(development, "AWS::Glue::Crawler").values().forEach(c -> crawlers.put((String) properties(c).get("Name"), properties(c)));
        // the names AwsLakeTest checks ./tw crawl makes, with the database and prefix of ENV=development
        String prefix = "ticket-warehouse-development-";
        assertThat(crawlers).hasSize(Entities.ALL.size());
        for (String entity : Entities.ALL) {
            String[] parts = entity.split("/");
            Map<String, Object> crawler = crawlers.get(prefix + "raw-" + entity.replace('/', '-').replace('_', '-'));
            assertThat(crawler).as(entity).isNotNull();
            assertThat(crawler.get("DatabaseName")).isEqualTo("ticket_warehouse_development");
            // over its table of the DDL, schema changes logged, new partitions with the table's columns
            assertThat(crawler.get("Targets").toString()).contains("Tables=[raw_" + parts[0] + "_" + parts[1] + "]");
            assertThat(crawler.get("SchemaChangePolicy")).isEqualTo(Map.of("UpdateBehavior", "LOG", "DeleteBehavior", "LOG"));
            assertThat(crawler.get("Configuration")).isEqualTo(CrawlerDefinitions.CONFIGURATION);
        }
        // none runs by itself: no schedule of Glue's, and no job that starts them
        assertThat(crawlers.values()).allSatisfy(c -> assertThat(c).doesNotContainKey("Schedule"));
        assertThat(jobs).noneMatch(j -> j.route().equals("crawl"));
        assertThat(crawlers).as("load_runs' partitions come from the loads").doesNotContainKey(prefix + "load-runs");
        // the tables they run over: the DDL's, at their folders of the lake
        Map<String, Object> tables = new TreeMap<>();
        resources(development, "AWS::Glue::Table").values().forEach(t -> {
            Map<String, Object> input = (Map<String, Object>) properties(t).get("TableInput");
            tables.put((String) input.get("Name"), input);
        });
        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(RawTableDdl.tables().stream().map(RawTableDdl.Table::name).toList());
        assertThat(tables.get("raw_stripe_charges").toString()).contains("/lake/raw/stripe/charges/").contains("org.openx.data.jsonserde.JsonSerDe");
        assertThat(tables.get("load_runs").toString()).contains("/lake/manifests/");
    }

    @Test
    void the_crawlers_role_reads_only_the_archives() {
        String policy = resources(development, "AWS::IAM::Policy").entrySet().stream().filter(e -> e.getKey().startsWith("CrawlersRole"))
                .findFirst().orElseThrow().getValue().toString();
        assertThat(policy).contains("/lake/raw/*").doesNotContain("/lake/manifests/")
                .doesNotContain("curated").doesNotContain("athena-results").doesNotContain("activity").doesNotContain("s3:PutObject");
    }

    @Test
    void the_transform_keeps_its_state_and_with_spice_ingests_only_its_environments_data_sets() {
        Map<String, String> inStaging = jobPolicies(staging), inProduction = jobPolicies(production);
        for (Map<String, String> policies : List.of(inStaging, inProduction)) {
            assertThat(policies.get("transform")).contains("/lake/state/*").contains("s3:PutObject");
        }
        assertThat(inProduction.get("transform")).contains("quicksight:CreateIngestion").contains("quicksight:DescribeIngestion")
                .contains(":dataset/ticket-warehouse-production-*");
        assertThat(inStaging.get("transform")).doesNotContain("quicksight:");
        assertThat(inProduction.entrySet()).filteredOn(e -> !e.getKey().equals("transform"))
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).doesNotContain("quicksight:"));
        assertThat(resources(production, "AWS::Lambda::Function").values().stream().map(ApplicationStackTest::properties)
                .filter(f -> "java21".equals(f.get("Runtime"))))
                .allSatisfy(f -> assertThat(f.get("Environment").toString()).contains("TW_QUICKSIGHT_IMPORT_MODE=SPICE")
                        .contains("TW_QUICKSIGHT_DAILY_INGESTIONS=32"));
    }

    /** Each job's role policies as text, by job name (the roles are Job-NAME-Role; CDK moves what overflows into managed policies). */
    private static Map<String, String> jobPolicies(Template template) {
        Map<String, String> policies = new TreeMap<>();
        Map<String, Map<String, Object>> documents = new TreeMap<>(resources(template, "AWS::IAM::Policy"));
        documents.putAll(resources(template, "AWS::IAM::ManagedPolicy"));
        documents.forEach((id, policy) -> {
            if (id.startsWith("Job")) {
                policies.merge(id.replaceFirst("^Job(.+?)Role.*$", "$1").toLowerCase(java.util.Locale.ROOT), policy.toString(), String::concat);
            }
        });
        return policies;
    }

    @Test
    void the_athena_workgroup_is_enforced_encrypted_in_the_lake_and_cut_off_per_query() {
        development.hasResourceProperties("AWS::Athena::WorkGroup", Match.objectLike(Map.of("Name", "ticket-warehouse-development",
                "WorkGroupConfiguration", Match.objectLike(Map.of("EnforceWorkGroupConfiguration", true,
                        "BytesScannedCutoffPerQuery", 1073741824,
                        "ResultConfiguration", Map.of("EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3"),
                                "OutputLocation", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(
                                        List.of("/lake/athena-results/"))))))))))));
    }

    @Test
    void the_api_secrets_are_made_without_values_and_no_function_gets_one() {
        Map<String, Map<String, Object>> secrets = resources(production, "AWS::SecretsManager::Secret");
        assertThat(secrets.values().stream().map(s -> properties(s).get("Name")))
                .containsExactlyInAnyOrder("ticket-warehouse/production/ticketsauce", "ticket-warehouse/production/stripe");
        assertThat(secrets.values()).allSatisfy(s -> assertThat(properties(s)).doesNotContainKey("SecretString"));
        for (Map<String, Object> function : resources(production, "AWS::Lambda::Function").values()) {
            assertThat(function.toString()).doesNotContain("TICKETSAUCE_CLIENT").doesNotContain("STRIPE_API_KEY").doesNotContain("SecretString");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_function_per_job_on_java_21_with_snapstart_on_a_published_version_one_run_at_a_time() throws IOException {
        Map<String, Map<String, Object>> functions = new TreeMap<>();
        resources(staging, "AWS::Lambda::Function").values().stream().map(ApplicationStackTest::properties)
                .filter(f -> "java21".equals(f.get("Runtime"))).forEach(f -> functions.put((String) f.get("FunctionName"), f));
        assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(jobs.stream().map(j -> "ticket-warehouse-staging-" + j.name()).toList());
        assertThat(functions.values()).allSatisfy(f -> {
            assertThat(f.get("Handler")).isEqualTo("com.ticketwarehouse.lambda.Handler::handleRequest");
            assertThat(f.get("Timeout")).isEqualTo(15 * 60);
            assertThat(f.get("ReservedConcurrentExecutions")).isEqualTo(1);
            assertThat(f.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(f.get("Environment").toString()).contains("TW_TARGET=aws").contains("ENV=staging")
                    .contains("TW_GLUE_DATABASE=ticket_warehouse_staging").contains("TW_ATHENA_WORKGROUP=ticket-warehouse-staging")
                    .contains("TW_TICKETSAUCE_SECRET=ticket-warehouse/staging/ticketsauce").contains("TW_STRIPE_SECRET=ticket-warehouse/staging/stripe")
                    .contains("TW_JOBS_DISABLED=sync-current");
        });
        assertThat(resources(staging, "AWS::Lambda::Version")).hasSize(jobs.size());
        assertThat(resources(staging, "AWS::Lambda::Alias").values()).hasSize(jobs.size())
                .allSatisfy(a -> assertThat(properties(a).get("Name")).isEqualTo("live"));
        // a failed run is not retried but lands in the dead-letter queue
        assertThat(resources(staging, "AWS::Lambda::EventInvokeConfig").values()).hasSize(jobs.size()).allSatisfy(c -> {
            assertThat(properties(c).get("Qualifier").toString()).contains("Alias");
            assertThat(properties(c).get("MaximumRetryAttempts")).isEqualTo(0);
            assertThat(properties(c).get("DestinationConfig").toString()).contains("OnFailure").contains("DeadLetters");
        });
        // memory from cdk.json: the environment's, or the job's own
        Map<String, Object> environments = (Map<String, Object>) Synthesized.app().context.get("environments");
        Map<String, Template> templates = Map.of(InfraApp.DEVELOPMENT, development, InfraApp.STAGING, staging, InfraApp.PRODUCTION, production);
        templates.forEach((env, template) -> {
            EnvironmentConfig config = EnvironmentConfig.from(env, environments.get(env));
            Map<String, Object> memory = new TreeMap<>();
            resources(template, "AWS::Lambda::Function").values().stream().map(ApplicationStackTest::properties)
                    .filter(f -> "java21".equals(f.get("Runtime"))).forEach(f -> memory.put((String) f.get("FunctionName"), f.get("MemorySize")));
            assertThat(memory).as(env).hasSize(jobs.size());
            jobs.forEach(job -> assertThat(memory.get("ticket-warehouse-" + env + "-" + job.name())).as(env + " " + job.name())
                    .isEqualTo(config.memoryMb(job.name())));
        });
        // what ./tw cost bills every function at is what production's has
        assertThat(resources(production, "AWS::Lambda::Function").values().stream().map(ApplicationStackTest::properties)
                .filter(f -> "java21".equals(f.get("Runtime"))).map(f -> f.get("MemorySize")))
                .containsOnly(Integer.parseInt(costInputs().getProperty("lambda.memory-mb")));
        Map<String, Object> withOverride = new java.util.HashMap<>((Map<String, Object>) environments.get(InfraApp.PRODUCTION));
        withOverride.put("jobMemoryMb", Map.of("sync-upcoming", 1024));
        EnvironmentConfig overridden = EnvironmentConfig.from(InfraApp.PRODUCTION, withOverride);
        assertThat(overridden.memoryMb("sync-upcoming")).isEqualTo(1024);
        assertThat(overridden.memoryMb("transform")).isEqualTo(512);
        withOverride.put("jobMemoryMb", Map.of("sync-upcoming", 64));
        assertThatThrownBy(() -> EnvironmentConfig.from(InfraApp.PRODUCTION, withOverride)).hasMessage(
                "cdk.json context environments.production.jobMemoryMb.sync-upcoming must be 128 to 10240 (MB)");
    }

    @Test
    void a_schedule_per_job_equal_to_the_job_definitions_switched_off_where_the_environment_says() {
        Map<String, List<String>> disabled = Map.of("development", List.of("sync-current", "sync-upcoming", "sync-recent", "compact", "transform",
                        "report-settlement", "report-daily-sales"),
                "staging", List.of("sync-current"), "production", List.of());
        Map<String, Template> templates = Map.of("development", development, "staging", staging, "production", production);
        templates.forEach((env, template) -> {
            Map<String, Map<String, Object>> rules = new TreeMap<>();
            resources(template, "AWS::Events::Rule").values().stream().map(ApplicationStackTest::properties)
                    .filter(r -> r.containsKey("ScheduleExpression")).forEach(r -> rules.put((String) r.get("Name"), r));
            assertThat(rules).as(env).hasSize(jobs.size());
            for (Job job : jobs) {
                Map<String, Object> rule = rules.get("ticket-warehouse-" + env + "-" + job.name());
                assertThat(rule).as(env + " " + job.name()).isNotNull();
                assertThat(rule.get("ScheduleExpression")).isEqualTo(job.rateExpression());
                assertThat(rule.get("State")).as(env + " " + job.name()).isEqualTo(disabled.get(env).contains(job.name()) ? "DISABLED" : "ENABLED");
                assertThat(rule.get("Targets").toString()).contains("Input={\"job\":\"" + job.name() + "\"}").contains("Alias");
            }
        });
        assertThat(jobs.stream().map(Job::rateExpression)).contains("rate(5 minutes)", "rate(1 hour)", "rate(1 day)");
        assertThat(jobs).filteredOn(job -> job.name().equals("transform")).singleElement().as("hourly on aws (application-aws.properties)")
                .satisfies(job -> assertThat(job.rateExpression()).isEqualTo("rate(1 hour)"));
    }

    @Test
    void three_alarms_dead_letters_a_run_near_its_timeout_and_undefined_fields_go_to_the_email_of_the_environment() throws IOException {
        Map<String, Map<String, Object>> alarms = resources(production, "AWS::CloudWatch::Alarm");
        // every job's failed, timed-out or dropped run ends in the dead letters: one alarm covers them, not two per job
        assertThat(alarms.values().stream().map(a -> (String) properties(a).get("MetricName")))
                .containsExactlyInAnyOrder("ApproximateNumberOfMessagesVisible", "NearTimeout", "UndefinedFields");
        assertThat(alarms.values()).allSatisfy(a -> assertThat(properties(a).get("AlarmActions").toString()).contains("Alarms"));
        // the jobs' logs counted where a load says it archived fields that no raw table defines, and where a run says it took
        // over 80% of its invocation's time
        Map<String, Map<String, Object>> filters = resources(production, "AWS::Logs::MetricFilter");
        long loading = jobs.stream().filter(j -> j.route().equals("sync") || j.route().equals("load")).count();
        assertThat(loading).isPositive();
        assertThat(filters.values().stream().map(f -> properties(f).toString()).filter(f -> f.contains("MetricName=UndefinedFields")))
                .hasSize((int) loading).allSatisfy(f -> assertThat(f).contains("FilterPattern=\"" + Loads.UNDEFINED_FIELDS_REPORT + "\"")
                        .contains("MetricNamespace=TicketWarehouse/production"));
        assertThat(filters.values().stream().map(f -> properties(f).toString()).filter(f -> f.contains("MetricName=NearTimeout")))
                .hasSize(jobs.size()).allSatisfy(f -> assertThat(f).contains("FilterPattern=\"" + Jobs.NEAR_TIMEOUT_REPORT + "\"")
                        .contains("MetricNamespace=TicketWarehouse/production"));
        production.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "data-alerts@example.com",
                "TopicArn", Match.anyValue()));
        // no customer-managed key (docs/operations.md, "Alarms"): the topic is SNS's plain one, published to over TLS only
        assertThat(resources(production, "AWS::KMS::Key")).isEmpty();
        assertThat(resources(production, "AWS::SNS::Topic").values()).singleElement()
                .satisfies(t -> assertThat(properties(t)).doesNotContainKey("KmsMasterKeyId"));
        production.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)));
        // what ./tw cost bills is what the stack holds
        assertThat(Integer.parseInt(costInputs().getProperty("cloudwatch.alarms"))).isEqualTo(alarms.size());
        assertThat(Integer.parseInt(costInputs().getProperty("kms.keys"))).isZero();
    }

    /** The quantities ./tw cost multiplies by prices (app/src/main/resources/cost/measured.properties). */
    static Properties costInputs() throws IOException {
        Properties measured = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("..", "app", "src", "main", "resources", "cost", "measured.properties"))) {
            measured.load(in);
        }
        return measured;
    }

    @Test
    void the_functions_log_groups_keep_logs_as_long_as_the_environment_says() {
        assertThat(resources(production, "AWS::Logs::LogGroup").values()).hasSize(jobs.size())
                .allSatisfy(l -> assertThat(properties(l).get("RetentionInDays")).isEqualTo(90));
        assertThat(resources(development, "AWS::Logs::LogGroup").values())
                .allSatisfy(l -> assertThat(properties(l).get("RetentionInDays")).isEqualTo(14));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_outputs_hold_every_setting_tw_reads_and_the_functions() {
        Map<String, Object> outputs = (Map<String, Object>) (Map<String, ?>) production.findOutputs("*");
        assertThat(outputs.keySet()).containsAll(StackOutputs.SETTINGS.keySet()).contains("JobFunctions", "AlarmTopic", "DeadLetterQueue");
        assertThat(((Map<String, Object>) outputs.get("GlueDatabase")).get("Value")).isEqualTo("ticket_warehouse_production");
        assertThat(((Map<String, Object>) outputs.get("LakePrefix")).get("Value")).isEqualTo("lake");
        assertThat(((Map<String, Object>) outputs.get("AthenaWorkgroup")).get("Value")).isEqualTo("ticket-warehouse-production");
        assertThat(((Map<String, Object>) outputs.get("CrawlerPrefix")).get("Value")).isEqualTo("ticket-warehouse-production-");
        assertThat(((Map<String, Object>) outputs.get("StripeSecret")).get("Value")).isEqualTo("ticket-warehouse/production/stripe");
        assertThat(((Map<String, Object>) outputs.get("JobFunctions")).get("Value").toString().split(","))
                .containsExactlyElementsOf(jobs.stream().map(j -> "ticket-warehouse-production-" + j.name()).toList());
    }

    @Test
    void each_environment_goes_to_its_own_account_from_cdk_json() {
        Synthesized app = Synthesized.app();
        assertThat(app.infra.development().getAccount()).isEqualTo(Synthesized.DEVELOPMENT_ACCOUNT);
        assertThat(app.infra.pipeline().staging().stack().getAccount()).isEqualTo(Synthesized.STAGING_ACCOUNT);
        assertThat(app.infra.pipeline().production().stack().getAccount()).isEqualTo(Synthesized.PRODUCTION_ACCOUNT);
        assertThat(app.infra.pipeline().production().stack().getStackName()).isEqualTo(StackOutputs.stackName("production"));
    }
}
