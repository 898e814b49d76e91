package com.ticketwarehouse.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.IStackSynthesizer;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.constructs.Construct;

import java.nio.file.Path;

/** An environment as the pipeline deploys it: its application stack, checked by cdk-nag (an App's aspects do not reach into a Stage). */
public final class ApplicationStage extends Stage {
    private final ApplicationStack stack;

    ApplicationStage(Construct scope, EnvironmentConfig config, Path lambdaJar) {
        super(scope, config.name(), StageProps.builder().env(config.environment()).build());
        stack = new ApplicationStack(this, "Application", config, lambdaJar, synthesizer(config));
        Aspects.of(this).add(new AwsSolutionsChecks());
    }

    /**
     * The pipeline deploys with the target account's CDK bootstrap roles; with the region known, their
     * ARNs are written out whole (partition included) rather than joined at deploy time, which
     * cfn-lint cannot check (E3703 on the pipeline's deploy actions).
     */
    private static IStackSynthesizer synthesizer(EnvironmentConfig config) {
        if (config.region() == null) {
            return new DefaultStackSynthesizer();
        }
        String partition = RegionInfo.get(config.region()).getPartition();
        return DefaultStackSynthesizer.Builder.create()
                .cloudFormationExecutionRole("arn:" + partition + ":iam::${AWS::AccountId}:role/cdk-${Qualifier}-cfn-exec-role-${AWS::AccountId}-${AWS::Region}")
                .build();
    }

    public ApplicationStack stack() {
        return stack;
    }
}
