package com.ticketwarehouse.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

import java.nio.file.Path;

/** An environment as the pipeline deploys it: its application stack, checked by cdk-nag (an App's aspects do not reach into a Stage). */
public final class ApplicationStage extends Stage {
    private final ApplicationStack stack;

    ApplicationStage(Construct scope, EnvironmentConfig config, Path lambdaJar) {
        super(scope, config.name(), StageProps.builder().env(config.environment()).build());
        stack = new ApplicationStack(this, "Application", config, lambdaJar);
        Aspects.of(this).add(new AwsSolutionsChecks());
    }

    public ApplicationStack stack() {
        return stack;
    }
}
