package com.ticketwarehouse.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one pipeline: V2, self-mutating, source from the repository connection, tests and synth, staging, approval, production. */
class PipelineStackTest {
    static Template pipeline;
    static Map<String, Object> properties;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesize() {
        Synthesized app = Synthesized.app();
        pipeline = app.template(app.infra.pipeline());
        Map<String, Map<String, Object>> pipelines = ApplicationStackTest.resources(pipeline, "AWS::CodePipeline::Pipeline");
        assertThat(pipelines).hasSize(1);
        properties = ApplicationStackTest.properties(pipelines.values().iterator().next());
    }

    @Test
    @SuppressWarnings("unchecked")
    void stages_run_in_order_and_production_waits_for_an_approval() {
        assertThat(properties.get("PipelineType")).isEqualTo("V2");
        assertThat(properties.get("Name")).isEqualTo("ticket-warehouse");
        List<Map<String, Object>> stages = (List<Map<String, Object>>) properties.get("Stages");
        assertThat(stages.stream().map(s -> s.get("Name"))).containsExactly("Source", "Build", "UpdatePipeline", "Assets", "staging", "production");
        List<Map<String, Object>> production = (List<Map<String, Object>>) stages.get(5).get("Actions");
        Map<String, Object> approval = production.stream().filter(a -> a.toString().contains("Category=Approval")).findFirst().orElseThrow();
        assertThat(approval.get("Name")).isEqualTo("PromoteToProduction");
        int approvalOrder = (Integer) approval.get("RunOrder");
        assertThat(production.stream().filter(a -> a.toString().contains("Provider=CloudFormation")))
                .isNotEmpty().allSatisfy(a -> assertThat((Integer) a.get("RunOrder")).isGreaterThan(approvalOrder));
        // self-mutation: the pipeline updates itself before deploying
        assertThat(stages.get(2).toString()).contains("SelfMutate");
    }

    @Test
    void the_source_is_the_repository_connection_of_cdk_json() {
        Map<String, Object> source = ApplicationStackTest.properties(
                ApplicationStackTest.resources(pipeline, "AWS::CodePipeline::Pipeline").values().iterator().next());
        assertThat(source.toString()).contains("Provider=CodeStarSourceConnection").contains("FullRepositoryId=ticket-warehouse/ticket-warehouse")
                .contains("BranchName=main");
        // no ARN in cdk.json: read at deploy time from the SSM parameter
        assertThat(pipeline.toJSON().toString()).contains(PipelineStack.CONNECTION_PARAMETER);
    }

    @Test
    void the_synth_step_runs_the_project_tests_then_cdk_synth() {
        pipeline.hasResourceProperties("AWS::CodeBuild::Project", Match.objectLike(Map.of("Source", Match.objectLike(Map.of(
                "BuildSpec", Match.serializedJson(Match.objectLike(Map.of("phases", Match.objectLike(Map.of(
                        "install", Map.of("commands", List.of("pip install cfn-lint==" + PipelineStack.CFN_LINT_VERSION, "npm ci --prefix infra")),
                        "build", Map.of("commands", List.of("./mvnw -B -ntp verify", "cd infra && npx cdk synth"))))))))))));
    }
}
