package com.ticketwarehouse.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every IAM policy of every synthesized template (the pipeline's stages included): a statement
 * with Action "*" (or "service:*") or Resource "*" must carry, on its own resource, a cdk-nag
 * suppression of AwsSolutions-IAM5 for exactly that wildcard, with a reason.
 */
class LeastPrivilegeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static List<Path> templates;

    @BeforeAll
    static void synthesize() throws IOException {
        Path outdir = Synthesized.app().outdir;
        try (Stream<Path> files = Files.walk(outdir)) {
            templates = files.filter(f -> f.getFileName().toString().endsWith(".template.json")).toList();
        }
    }

    @Test
    void every_template_is_walked() {
        // development, the pipeline, and the staging and production stages
        assertThat(templates).hasSize(4);
    }

    @Test
    void no_wildcard_without_a_reason() throws IOException {
        List<String> unexplained = new ArrayList<>();
        int statements = 0;
        for (Path template : templates) {
            for (Map.Entry<String, JsonNode> resource : JSON.readTree(template.toFile()).path("Resources").properties()) {
                for (JsonNode document : policies(resource.getValue())) {
                    for (JsonNode statement : list(document.path("Statement"))) {
                        statements++;
                        if (!"Allow".equals(statement.path("Effect").asText())) {
                            continue;
                        }
                        for (JsonNode action : list(statement.path("Action"))) {
                            if (action.asText().equals("*") || action.asText().endsWith(":*")) {
                                check(template, resource, "Action::" + action.asText(), unexplained);
                            }
                        }
                        for (JsonNode target : list(statement.path("Resource"))) {
                            if (target.isTextual() && target.asText().equals("*")) {
                                check(template, resource, "Resource::*", unexplained);
                            }
                        }
                    }
                }
            }
        }
        assertThat(statements).as("statements walked").isGreaterThan(50);
        assertThat(unexplained).as(String.join("\n", unexplained)).isEmpty();
    }

    @Test
    void each_job_gets_only_what_its_route_uses() throws IOException {
        JsonNode template = JSON.readTree(Synthesized.app().outdir.resolve("ticket-warehouse-development.template.json").toFile());
        Map<String, String> policies = new java.util.TreeMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (e.getKey().startsWith("Job") && e.getValue().path("Type").asText().equals("AWS::IAM::Policy")) {
                policies.put(e.getKey().replaceAll("Role.*", ""), e.getValue().path("Properties").toString());
            }
        });
        assertThat(policies.keySet()).contains("Jobsynccurrent", "Jobtransform").doesNotContain("Jobcrawl");
        // the loads alone read the API secrets and write archives
        assertThat(policies.get("Jobsynccurrent")).contains("secretsmanager:GetSecretValue").contains("/lake/raw/*")
                .contains("glue:BatchCreatePartition").doesNotContain("athena:").doesNotContain("glue:StartCrawler");
        // a sync reads and moves its watermarks and fingerprints under state/; the transform keeps the refresh's state there
        assertThat(policies.get("Jobsynccurrent")).contains("/lake/state/*");
        assertThat(policies.get("Jobtransform")).contains("athena:StartQueryExecution").contains("s3:DeleteObject")
                .doesNotContain("secretsmanager:").doesNotContain("glue:StartCrawler");
        // a compaction finds what a killed one left unfinished
        assertThat(policies.get("Jobcompact")).contains("s3:ListBucketMultipartUploads").contains("s3:AbortMultipartUpload");
        // the transform deletes only under curated/, and its lease
        assertThat(policies.get("Jobtransform").replaceAll(".*\"s3:DeleteObject\"", "")).contains("/lake/curated/*")
                .contains("/lake/state/transform.lease");
        // a report reads the marts, keeps its delivery ledger under state/, and sends mail as the sender's identity only, from its address only
        assertThat(policies.get("Jobreportsettlement")).contains("athena:StartQueryExecution").contains("/lake/state/*")
                .contains("ses:SendRawEmail").contains(":identity/reports@example.com").contains(":identity/example.com")
                .contains("\"ses:FromAddress\":\"reports@example.com\"")
                .doesNotContain("secretsmanager:").doesNotContain("s3:DeleteObject").doesNotContain("glue:CreateTable").doesNotContain("/lake/raw/");
        assertThat(policies.get("Jobsynccurrent")).doesNotContain("ses:");
    }

    private static void check(Path template, Map.Entry<String, JsonNode> resource, String wildcard, List<String> unexplained) {
        for (JsonNode rule : list(resource.getValue().path("Metadata").path("cdk_nag").path("rules_to_suppress"))) {
            if (rule.path("id").asText().equals("AwsSolutions-IAM5") && rule.path("reason").asText().length() > 20) {
                for (JsonNode applies : list(rule.path("applies_to"))) {
                    if (applies.asText().equals(wildcard)) {
                        return;
                    }
                }
            }
        }
        unexplained.add(template.getFileName() + " " + resource.getKey() + ": " + wildcard);
    }

    /** The policy documents of an IAM policy, managed policy or role (inline policies). */
    private static List<JsonNode> policies(JsonNode resource) {
        JsonNode properties = resource.path("Properties");
        return switch (resource.path("Type").asText()) {
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> List.of(properties.path("PolicyDocument"));
            case "AWS::IAM::Role" -> list(properties.path("Policies")).stream().map(p -> p.path("PolicyDocument")).toList();
            default -> List.of();
        };
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (!node.isMissingNode()) {
            list.add(node);
        }
        return list;
    }
}
