package com.ticketwarehouse.infra;

import com.ticketwarehouse.aws.StackOutputs;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

import java.nio.file.Path;

/**
 * The CDK app: development's application stack (deployed by hand) and the pipeline, which
 * deploys staging and then production. Everything else comes from cdk.json's context.
 */
public final class InfraApp {
    public static final String DEVELOPMENT = "development", STAGING = "staging", PRODUCTION = "production";
    static final String LAMBDA_JAR = "lambdaJar";

    private final ApplicationStack development;
    private final PipelineStack pipeline;

    InfraApp(App app) {
        Object jar = app.getNode().tryGetContext(LAMBDA_JAR);
        if (jar == null) {
            throw new IllegalArgumentException("cdk.json context " + LAMBDA_JAR + " is missing: the path of the Lambda package");
        }
        Path lambdaJar = Path.of(jar.toString()).toAbsolutePath().normalize();
        development = new ApplicationStack(app, StackOutputs.stackName(DEVELOPMENT), environment(app, DEVELOPMENT), lambdaJar,
                new software.amazon.awscdk.DefaultStackSynthesizer());
        pipeline = new PipelineStack(app, PipelineStack.NAME, PipelineConfig.from(app.getNode().tryGetContext("pipeline")),
                environment(app, STAGING), environment(app, PRODUCTION), lambdaJar);
        Aspects.of(app).add(new AwsSolutionsChecks());
    }

    private static EnvironmentConfig environment(App app, String name) {
        Object environments = app.getNode().tryGetContext("environments");
        return EnvironmentConfig.from(name, environments instanceof java.util.Map<?, ?> map ? map.get(name) : null);
    }

    ApplicationStack development() {
        return development;
    }

    PipelineStack pipeline() {
        return pipeline;
    }

    public static void main(String[] args) {
        try {
            App app = new App();
            new InfraApp(app);
            app.synth();
        } catch (IllegalArgumentException e) {
            System.err.println("infra: " + e.getMessage());
            System.exit(1);
        }
    }
}
