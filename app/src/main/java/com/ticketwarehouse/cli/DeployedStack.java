package com.ticketwarehouse.cli;

import com.ticketwarehouse.aws.StackOutputs;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a deployed environment, read from its application stack's outputs
 * (CloudFormation DescribeStacks), so that an operator needs only the environment's name and AWS
 * credentials. Only the command line looks a stack up: the functions get their settings from the
 * stack itself.
 */
final class DeployedStack {
    private DeployedStack() {
    }

    static Map<String, String> settings(String env) {
        String stack = StackOutputs.stackName(env);
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().build()) {
            List<Output> outputs = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("tw.aws.env", env);
            outputs.forEach(o -> StackOutputs.settingOf(o.outputKey()).ifPresent(key -> settings.put(key, o.outputValue())));
            List<String> missing = StackOutputs.SETTINGS.keySet().stream().filter(k -> !settings.containsKey(StackOutputs.SETTINGS.get(k)))
                    .sorted().toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("stack " + stack + " has no outputs " + missing + ": deploy the current infra/ to it");
            }
            return settings;
        } catch (CloudFormationException e) {
            throw new IllegalArgumentException("no stack " + stack + " to read (" + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()) + "): deploy it (docs/deploying.md), or check AWS_REGION and the credentials");
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("cannot read stack " + stack + ": " + e.getMessage().lines().findFirst().orElse("")
                    + " (set AWS_REGION and credentials, or AWS_PROFILE)");
        }
    }
}
