package com.ticketwarehouse.aws;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.StandardStreams;
import com.ticketwarehouse.cli.Tw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./tw --env <env> ... --target aws} against moto: an application stack created in moto's
 * CloudFormation with the outputs the CDK stack declares (the keys of {@link StackOutputs}), and a
 * command that then finds the lake by them alone.
 */
@Tag("emulators")
class DeployedStackTest {
    static final String BUCKET = "tw-deployed-lake", DATABASE = "ticket_warehouse_deployed", WORKGROUP = "ticket-warehouse-deployed-wg";
    static final String RUN = "20261129T120000Z-deployed";
    static MotoServer moto;

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();

    @BeforeAll
    static void deploy() {
        moto = MotoServer.start();
        // the lake's settings that the environment of the shell would otherwise give: here only path-style S3, for moto
        System.setProperty("tw.aws.s3-path-style", "true");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LakePrefix", "lake");
        values.put("GlueDatabase", DATABASE);
        values.put("CrawlerRole", "arn:aws:iam::123456789012:role/ticket-warehouse-deployed-crawlers");
        values.put("CrawlerPrefix", "ticket-warehouse-deployed-");
        values.put("AthenaWorkgroup", WORKGROUP);
        values.put("AthenaOutput", "s3://" + BUCKET + "/lake/athena-results/");
        values.put("TicketsauceSecret", "ticket-warehouse/deployed/ticketsauce");
        values.put("StripeSecret", "ticket-warehouse/deployed/stripe");
        String outputs = values.entrySet().stream().map(e -> "\"" + e.getKey() + "\": {\"Value\": \"" + e.getValue() + "\"}")
                .collect(Collectors.joining(", "));
        String template = "{\"Resources\": {\"Lake\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"" + BUCKET + "\"}}},"
                + " \"Outputs\": {\"LakeBucket\": {\"Value\": {\"Ref\": \"Lake\"}}, " + outputs + "}}";
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().build(); var s3 = moto.s3()) {
            cloudFormation.createStack(r -> r.stackName(StackOutputs.stackName("deployed")).templateBody(template));
            s3.putObject(r -> r.bucket(BUCKET).key("lake/" + Archive.manifestKey(RUN)), RequestBody.fromString(
                    "{\"run_id\":\"" + RUN + "\",\"status\":\"complete\",\"time_range\":\"current\",\"sources\":\"all\",\"records\":42}"));
        }
    }

    @AfterAll
    static void stop() {
        System.clearProperty("tw.aws.s3-path-style");
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void status_finds_the_lake_from_the_stack_outputs_alone() {
        int exit = Tw.run("--env", "deployed", "status", "--target", "aws");
        String status = streams.out();
        assertThat(exit).as(streams.err()).isZero();
        assertThat(status).startsWith("lake: s3://" + BUCKET + "/lake/ (Glue database " + DATABASE + ", Athena workgroup " + WORKGROUP + ")\n");
        // the run under the stack's bucket and prefix: the command read them from the outputs
        assertThat(status).contains(RUN).contains("complete").contains("42 records");
    }

    @Test
    void the_option_also_follows_the_command() {
        assertThat(Tw.run("status", "--target", "aws", "--env", "deployed")).isZero();
        assertThat(streams.out()).contains("s3://" + BUCKET + "/lake/");
    }

    @Test
    void an_environment_without_a_stack_is_one_line() {
        assertThat(Tw.run("--env", "nowhere", "status", "--target", "aws")).isEqualTo(1);
        assertThat(streams.err()).startsWith("tw: error: no stack ticket-warehouse-nowhere to read (")
                .endsWith("deploy it (docs/deploying.md), or check AWS_REGION and the credentials" + System.lineSeparator())
                .hasLineCount(1);
    }

    @Test
    void env_without_the_aws_target_is_one_line() {
        assertThat(Tw.run("--env", "deployed", "status", "--target", "local")).isEqualTo(1);
        assertThat(streams.err())
                .isEqualTo("tw: error: --env names a deployed environment: use it with --target aws" + System.lineSeparator());
    }
}
