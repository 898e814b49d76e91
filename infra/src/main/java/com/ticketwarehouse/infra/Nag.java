package com.ticketwarehouse.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Stack;

import java.util.List;

/**
 * The cdk-nag findings that stand, each with its reason. Wildcards scoped to a prefix of our own
 * resources (the objects of one folder of the lake, the streams of one log group) are suppressed by
 * pattern; a {@code Resource: "*"} only on the one policy that needs it, where AWS or CDK Pipelines
 * offers nothing narrower.
 */
final class Nag {
    private Nag() {
    }

    static NagPackSuppression suppress(String rule, String reason, Object... appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(rule).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of(appliesTo));
        }
        return builder.build();
    }

    static RegexAppliesTo pattern(String regex) {
        return RegexAppliesTo.builder().regex("/" + regex + "/g").build();
    }

    /** The application stack's scoped wildcards. */
    static void suppressApplication(Stack stack, String prefix) {
        NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-IAM5", "the objects under one folder of the lake (" + prefix + "/<folder>/*): an S3 object permission "
                        + "names objects by key prefix", pattern("^Resource::<Lake[0-9A-F]+\\.Arn>/" + prefix.replace("/", "\\/")
                        + "/[a-z_-]+/\\*$")),
                suppress("AwsSolutions-IAM5", "the log streams of the function's own log group, named by Lambda at run time",
                        pattern("^Resource::<Job.*Logs[0-9A-F]+\\.Arn>:\\*$")),
                suppress("AwsSolutions-IAM5", "with SPICE, the transform ingests the environment's data sets, which './tw quicksight datasets' "
                        + "makes after the deployment (so their ARNs are not the stack's) under the environment's prefix, and their ingestions",
                        pattern("^Resource::arn:<AWS::Partition>:quicksight:.*:dataset\\/ticket-warehouse-[a-z0-9-]+-\\*$")),
                suppress("AwsSolutions-IAM5", "Glue crawlers write their logs to the fixed log group /aws-glue/crawlers, a stream per crawler",
                        pattern("^Resource::arn:<AWS::Partition>:logs:.*:log-group:/aws-glue/crawlers:\\*$"))));
    }

    /** What CDK Pipelines generates: grants on its own artifact bucket, key, build projects and the CDK bootstrap roles. */
    static void suppressPipeline(Stack stack) {
        String root = "/" + stack.getNode().getPath() + "/Pipeline";
        NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-S1", "the pipeline's artifact bucket holds only build artifacts, encrypted with the pipeline's key and "
                        + "reached only by the pipeline's roles; CDK Pipelines makes it"),
                suppress("AwsSolutions-IAM5", "CDK Pipelines' grants on its own artifact bucket and key (s3:GetObject*, s3:List*, kms:GenerateDataKey*, ...)",
                        pattern("^Action::(s3|kms):[A-Za-z]+\\*$"), pattern("^Resource::<PipelineArtifactsBucket[0-9A-F]+\\.Arn>/\\*$")),
                suppress("AwsSolutions-IAM5", "CDK Pipelines' build projects write their own log groups and report groups, named at build time",
                        pattern("^Resource::arn:<AWS::Partition>:(logs|codebuild):.*:(log-group:/aws/codebuild/|report-group/).*\\*$")),
                suppress("AwsSolutions-IAM5", "the deploying steps assume the CDK bootstrap roles of the target accounts (limited by the "
                        + "aws-cdk:bootstrap-role tag condition CDK Pipelines adds)", pattern("^Resource::arn:\\*:iam::([0-9]+|<AWS::AccountId>):role/\\*$"))));
        NagSuppressions.addResourceSuppressionsByPath(stack, root + "/UpdatePipeline/SelfMutation/Role/DefaultPolicy/Resource", List.of(
                suppress("AwsSolutions-IAM5", "self-mutation runs 'cdk deploy', which finds the CDK bootstrap stacks and their asset buckets by "
                        + "name in each target account (cloudformation:DescribeStacks, s3:ListBucket) before it knows their ARNs", "Resource::*")));
        NagSuppressions.addResourceSuppressionsByPath(stack, root + "/Assets/FileRole/DefaultPolicy/Resource", List.of(
                suppress("AwsSolutions-IAM5", "CDK Pipelines lets its asset publishing role start and watch the asset CodeBuild builds, "
                        + "whose projects it names only after this role exists", "Resource::*")));
    }
}
