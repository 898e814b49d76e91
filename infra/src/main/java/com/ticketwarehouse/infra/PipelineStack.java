package com.ticketwarehouse.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildOptions;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.pipelines.ShellStep;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;

/**
 * The one pipeline (ticket-warehouse-pipeline), deployed once: each commit of the branch is
 * built and tested, then deployed to staging, then, after a person approves, to production. One
 * pipeline with ordered stages, not one per environment, so production only ever gets what staging
 * ran; development is deployed by hand from a checkout (docs/deploying.md).
 */
public final class PipelineStack extends Stack {
    /** Where the repository connection's ARN is kept when the context does not give it. */
    static final String NAME = "ticket-warehouse-pipeline";
    static final String CONNECTION_PARAMETER = "/ticket-warehouse/pipeline/connection-arn";
    /** The cfn-lint the infra tests run (CI and the synth step install this one). */
    public static final String CFN_LINT_VERSION = "1.51.0";

    private final ApplicationStage staging, production;

    PipelineStack(Construct scope, String id, PipelineConfig config, EnvironmentConfig staging, EnvironmentConfig production, Path lambdaJar) {
        super(scope, id, StackProps.builder().stackName(NAME).env(config.environment())
                .description("Ticket Warehouse: the pipeline that tests each commit and deploys staging, then production").build());
        String connectionArn = config.connectionArn() != null ? config.connectionArn()
                : StringParameter.valueForStringParameter(this, CONNECTION_PARAMETER);
        CodePipeline pipeline = CodePipeline.Builder.create(this, "Pipeline").pipelineName("ticket-warehouse")
                .pipelineType(PipelineType.V2).selfMutation(true).crossAccountKeys(true).enableKeyRotation(true)
                .codeBuildDefaults(CodeBuildOptions.builder().buildEnvironment(BuildEnvironment.builder()
                        .buildImage(LinuxBuildImage.STANDARD_7_0).build()).build())
                .synth(ShellStep.Builder.create("Synth")
                        .input(CodePipelineSource.connection(config.repository(), config.branch(),
                                ConnectionSourceOptions.builder().connectionArn(connectionArn).build()))
                        // what CI installs: cfn-lint for the infra tests, the pinned CDK CLI
                        .installCommands(List.of("pip install cfn-lint==" + CFN_LINT_VERSION, "npm ci --prefix infra"))
                        .commands(List.of("./mvnw -B -ntp verify", "cd infra && npx cdk synth"))
                        .primaryOutputDirectory("infra/cdk.out").build())
                .build();
        this.staging = new ApplicationStage(this, staging, lambdaJar);
        this.production = new ApplicationStage(this, production, lambdaJar);
        pipeline.addStage(this.staging);
        pipeline.addStage(this.production, AddStageOpts.builder()
                .pre(List.of(ManualApprovalStep.Builder.create("PromoteToProduction")
                        .comment("staging runs this commit: check its jobs and alarms, then approve to deploy production").build()))
                .build());
        pipeline.buildPipeline();
        Nag.suppressPipeline(this);
    }

    public ApplicationStage staging() {
        return staging;
    }

    public ApplicationStage production() {
        return production;
    }
}
