package com.ticketwarehouse.quicksight;

import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Dashboards;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.quicksight.QuickSightClient;
import software.amazon.awssdk.services.quicksight.model.Analysis;
import software.amazon.awssdk.services.quicksight.model.CreateAnalysisRequest;
import software.amazon.awssdk.services.quicksight.model.CreateAnalysisResponse;
import software.amazon.awssdk.services.quicksight.model.CreateIngestionRequest;
import software.amazon.awssdk.services.quicksight.model.CreateIngestionResponse;
import software.amazon.awssdk.services.quicksight.model.DashboardSummary;
import software.amazon.awssdk.services.quicksight.model.DashboardVersion;
import software.amazon.awssdk.services.quicksight.model.DeleteAnalysisRequest;
import software.amazon.awssdk.services.quicksight.model.DeleteDashboardRequest;
import software.amazon.awssdk.services.quicksight.model.DeleteDashboardResponse;
import software.amazon.awssdk.services.quicksight.model.DeleteDataSetRequest;
import software.amazon.awssdk.services.quicksight.model.DeleteDataSourceRequest;
import software.amazon.awssdk.services.quicksight.model.DescribeAnalysisRequest;
import software.amazon.awssdk.services.quicksight.model.DescribeAnalysisResponse;
import software.amazon.awssdk.services.quicksight.model.DescribeDashboardRequest;
import software.amazon.awssdk.services.quicksight.model.DescribeDashboardResponse;
import software.amazon.awssdk.services.quicksight.model.DescribeIngestionRequest;
import software.amazon.awssdk.services.quicksight.model.DescribeIngestionResponse;
import software.amazon.awssdk.services.quicksight.model.ErrorInfo;
import software.amazon.awssdk.services.quicksight.model.Ingestion;
import software.amazon.awssdk.services.quicksight.model.IngestionStatus;
import software.amazon.awssdk.services.quicksight.model.ListDashboardsRequest;
import software.amazon.awssdk.services.quicksight.model.ListDashboardsResponse;
import software.amazon.awssdk.services.quicksight.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.quicksight.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.quicksight.model.ResourceNotFoundException;
import software.amazon.awssdk.services.quicksight.model.RowInfo;
import software.amazon.awssdk.services.quicksight.model.Tag;
import software.amazon.awssdk.services.quicksight.model.TagResourceRequest;
import software.amazon.awssdk.services.quicksight.model.TagResourceResponse;
import software.amazon.awssdk.services.quicksight.model.UpdateDashboardPermissionsRequest;
import software.amazon.awssdk.services.quicksight.model.UpdateDashboardPublishedVersionRequest;
import software.amazon.awssdk.services.quicksight.model.UpdateDashboardRequest;
import software.amazon.awssdk.services.quicksight.model.UpdateDashboardResponse;

import com.ticketwarehouse.archive.StateFiles;
import com.ticketwarehouse.lake.SqlModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The requests of the calls moto does not serve (UpdateDashboard and its publishing, analyses,
 * deletes, DescribeIngestion), built from the real definitions and sent to a QuickSight stand-in
 * that records them and answers as QuickSight documents.
 */
class QuickSightProvisionerTest {
    static final QuickSightConfig CONFIG = config(QuickSightConfig.ImportMode.DIRECT_QUERY, true);
    static final Map<String, Dashboard> DASHBOARDS = Dashboards.load();

    static QuickSightConfig config(QuickSightConfig.ImportMode mode, boolean analyses) {
        return new QuickSightConfig("111122223333", "eu-west-1", "default", "ticket-warehouse-test", "analytics", "ticket_warehouse_test",
                mode, List.of("group/analysts"), List.of("user/alice"), "USD", analyses, Duration.ofMinutes(1), Duration.ofMillis(1));
    }

    static QuickSightProvisioner provisioner(QuickSightClient client, QuickSightConfig config) {
        return provisioner(client, config, new com.ticketwarehouse.archive.FingerprintsTest.InMemoryState(), Instant.parse("2026-11-29T18:00:00Z"));
    }

    static QuickSightProvisioner provisioner(QuickSightClient client, QuickSightConfig config, StateFiles state, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new QuickSightProvisioner(() -> client, () -> config, () -> DASHBOARDS, mart -> Map.of(),
                () -> List.of("events", "ticket_sales", "stripe_payouts"), () -> new SpiceRefreshes(state, 32, SqlModels.load(), clock), clock);
    }

    /**
     * Holds dashboards and analyses by id, as QuickSight would, and records every change asked of it;
     * as a client ({@link #client}), a call it does not model is recorded and answered with an empty response.
     */
    static class RecordingQuickSight {
        final Map<String, String> dashboardDigests = new HashMap<>();
        final Map<String, List<Tag>> analysisTags = new HashMap<>();
        final List<Object> requests = new ArrayList<>();
        final LinkedList<IngestionStatus> ingestionStatuses = new LinkedList<>();
        final List<String> listedDashboards = new ArrayList<>();

        public DescribeDashboardResponse describeDashboard(DescribeDashboardRequest r) {
            String digest = dashboardDigests.get(r.dashboardId());
            if (digest == null) {
                throw ResourceNotFoundException.builder().message("not found").statusCode(404).build();
            }
            return DescribeDashboardResponse.builder().dashboard(d -> d.dashboardId(r.dashboardId())
                    .version(DashboardVersion.builder().versionNumber(2L).description(digest).build())).build();
        }

        public UpdateDashboardResponse updateDashboard(UpdateDashboardRequest r) {
            requests.add(r);
            dashboardDigests.put(r.dashboardId(), r.versionDescription());
            return UpdateDashboardResponse.builder().versionArn("arn:aws:quicksight:eu-west-1:111122223333:dashboard/" + r.dashboardId() + "/version/3").build();
        }

        public DescribeAnalysisResponse describeAnalysis(DescribeAnalysisRequest r) {
            if (!analysisTags.containsKey(r.analysisId())) {
                throw ResourceNotFoundException.builder().message("not found").statusCode(404).build();
            }
            return DescribeAnalysisResponse.builder().analysis(Analysis.builder().analysisId(r.analysisId()).arn("arn:" + r.analysisId()).build()).build();
        }

        public CreateAnalysisResponse createAnalysis(CreateAnalysisRequest r) {
            requests.add(r);
            analysisTags.put(r.analysisId(), r.tags());
            return CreateAnalysisResponse.builder().build();
        }

        public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
            return ListTagsForResourceResponse.builder().tags(analysisTags.get(r.resourceArn().substring("arn:".length()))).build();
        }

        public TagResourceResponse tagResource(TagResourceRequest r) {
            requests.add(r);
            analysisTags.put(r.resourceArn().substring("arn:".length()), r.tags());
            return TagResourceResponse.builder().build();
        }

        public ListDashboardsResponse listDashboards(ListDashboardsRequest r) {
            return ListDashboardsResponse.builder().dashboardSummaryList(listedDashboards.stream()
                    .map(id -> DashboardSummary.builder().dashboardId(id).build()).toList()).build();
        }

        public DeleteDashboardResponse deleteDashboard(DeleteDashboardRequest r) {
            requests.add(r);
            if (!listedDashboards.contains(r.dashboardId())) {
                throw ResourceNotFoundException.builder().message("not found").statusCode(404).build();
            }
            return DeleteDashboardResponse.builder().build();
        }

        public CreateIngestionResponse createIngestion(CreateIngestionRequest r) {
            requests.add(r);
            if (r.dataSetId().endsWith("-events")) {
                throw ResourceNotFoundException.builder().message("no such data set").statusCode(404).build();
            }
            return CreateIngestionResponse.builder().ingestionStatus(IngestionStatus.INITIALIZED).build();
        }

        public DescribeIngestionResponse describeIngestion(DescribeIngestionRequest r) {
            IngestionStatus status = ingestionStatuses.isEmpty() ? IngestionStatus.COMPLETED : ingestionStatuses.removeFirst();
            return DescribeIngestionResponse.builder().ingestion(Ingestion.builder().ingestionId(r.ingestionId()).ingestionStatus(status)
                    .rowInfo(RowInfo.builder().rowsIngested(858L).build())
                    .errorInfo(status == IngestionStatus.FAILED ? ErrorInfo.builder().message("Athena query failed").build() : null).build()).build();
        }

        <T> List<T> sent(Class<T> type) {
            return requests.stream().filter(type::isInstance).map(type::cast).toList();
        }

        QuickSightClient client() {
            return (QuickSightClient) Proxy.newProxyInstance(QuickSightClient.class.getClassLoader(), new Class<?>[] {QuickSightClient.class},
                    (proxy, method, args) -> {
                        try {
                            return getClass().getMethod(method.getName(), method.getParameterTypes()).invoke(this, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } catch (NoSuchMethodException notModelled) {
                            if (method.getParameterCount() == 1 && method.getParameterTypes()[0].getSimpleName().endsWith("Request")
                                    && method.getReturnType().getSimpleName().endsWith("Response")) {
                                return answeredEmpty(method, args[0]);
                            }
                            // the SDK's conveniences (a request built in a lambda, paginators) call the methods above
                            return method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                                    : "serviceName".equals(method.getName()) ? "quicksight" : null;
                        }
                    });
        }

        private Object answeredEmpty(Method call, Object request) throws ReflectiveOperationException {
            requests.add(request);
            Object builder = call.getReturnType().getMethod("builder").invoke(null);
            return call.getReturnType().getMethod("builder").getReturnType().getMethod("build").invoke(builder);
        }
    }

    @Test
    void a_dashboard_whose_definition_differs_is_updated_and_its_new_version_published() {
        RecordingQuickSight quicksight = new RecordingQuickSight();
        DASHBOARDS.keySet().forEach(name -> quicksight.dashboardDigests.put(CONFIG.dashboardId(name), "ticket-warehouse definition 0000"));
        QuickSightConfig noAnalyses = config(QuickSightConfig.ImportMode.DIRECT_QUERY, false);
        String report = provisioner(quicksight.client(), noAnalyses).dashboards();
        assertThat(report).contains("ticket-warehouse-test-sales", "updated, version 3 published");
        QuickSightDefinitions definitions = new QuickSightDefinitions(noAnalyses);
        UpdateDashboardRequest sales = quicksight.sent(UpdateDashboardRequest.class).stream()
                .filter(r -> r.dashboardId().equals("ticket-warehouse-test-sales")).findFirst().orElseThrow();
        assertThat(sales.definition()).isEqualTo(definitions.dashboard(DASHBOARDS.get("sales")));
        assertThat(sales.name()).isEqualTo("Sales");
        assertThat(quicksight.sent(UpdateDashboardPublishedVersionRequest.class)).hasSize(DASHBOARDS.size())
                .allSatisfy(r -> assertThat(r.versionNumber()).isEqualTo(3L));
        assertThat(quicksight.sent(UpdateDashboardPermissionsRequest.class).get(0).grantPermissions()).extracting(p -> p.principal())
                .containsExactly("arn:aws:quicksight:eu-west-1:111122223333:group/default/analysts",
                        "arn:aws:quicksight:eu-west-1:111122223333:user/default/alice");

        quicksight.requests.clear();
        assertThat(provisioner(quicksight.client(), noAnalyses).dashboards()).doesNotContain("updated").contains("unchanged");
        assertThat(quicksight.requests).as("an unchanged dashboard is left alone").isEmpty();
    }

    @Test
    void each_analysis_is_made_from_the_same_definition_and_left_alone_when_unchanged() {
        RecordingQuickSight quicksight = new RecordingQuickSight();
        DASHBOARDS.keySet().forEach(name -> quicksight.dashboardDigests.put(CONFIG.dashboardId(name),
                QuickSightDefinitions.digest(new QuickSightDefinitions(CONFIG).dashboard(DASHBOARDS.get(name)),
                        new QuickSightDefinitions(CONFIG).publishOptions(), new QuickSightDefinitions(CONFIG).dashboardPermissions())));
        String report = provisioner(quicksight.client(), CONFIG).dashboards();
        assertThat(report).contains("ticket-warehouse-test-payments-analysis").doesNotContain("updated");
        CreateAnalysisRequest payments = quicksight.sent(CreateAnalysisRequest.class).stream()
                .filter(r -> r.analysisId().equals("ticket-warehouse-test-payments-analysis")).findFirst().orElseThrow();
        var dashboard = new QuickSightDefinitions(CONFIG).dashboard(DASHBOARDS.get("payments"));
        assertThat(payments.definition().sheets()).isEqualTo(dashboard.sheets());
        assertThat(payments.definition().filterGroups()).isEqualTo(dashboard.filterGroups());
        assertThat(payments.definition().parameterDeclarations()).isEqualTo(dashboard.parameterDeclarations());
        assertThat(payments.permissions()).extracting(p -> p.principal()).containsExactly("arn:aws:quicksight:eu-west-1:111122223333:group/default/analysts");
        assertThat(payments.tags()).extracting(Tag::key).containsExactly(QuickSightProvisioner.DIGEST_TAG);

        quicksight.requests.clear();
        assertThat(provisioner(quicksight.client(), CONFIG).dashboards()).doesNotContain("created", "updated");
        assertThat(quicksight.requests).isEmpty();
    }

    @Test
    void delete_removes_this_environments_ids_and_no_other() {
        RecordingQuickSight quicksight = new RecordingQuickSight();
        quicksight.listedDashboards.addAll(List.of("ticket-warehouse-test-sales", "ticket-warehouse-test-retired", "ticket-warehouse-prod-sales",
                "someone-elses"));
        String report = provisioner(quicksight.client(), CONFIG).delete();
        assertThat(quicksight.sent(DeleteDashboardRequest.class)).extracting(DeleteDashboardRequest::dashboardId).containsExactlyInAnyOrder(
                "ticket-warehouse-test-attendance", "ticket-warehouse-test-event-settlement", "ticket-warehouse-test-payments",
                "ticket-warehouse-test-sales", "ticket-warehouse-test-retired");
        assertThat(quicksight.sent(DeleteAnalysisRequest.class)).allSatisfy(r -> assertThat(r.forceDeleteWithoutRecovery()).isTrue())
                .extracting(DeleteAnalysisRequest::analysisId).contains("ticket-warehouse-test-retired-analysis");
        assertThat(quicksight.sent(DeleteDataSetRequest.class)).extracting(DeleteDataSetRequest::dataSetId)
                .containsExactly("ticket-warehouse-test-events", "ticket-warehouse-test-stripe-payouts", "ticket-warehouse-test-ticket-sales");
        assertThat(quicksight.sent(DeleteDataSourceRequest.class)).extracting(DeleteDataSourceRequest::dataSourceId)
                .containsExactly("ticket-warehouse-test-athena");
        assertThat(report).containsPattern("dashboard +ticket-warehouse-test-sales +deleted")
                .containsPattern("dashboard +ticket-warehouse-test-payments +absent");
    }

    @Test
    void with_spice_a_transform_ends_when_every_data_set_has_ingested() {
        RecordingQuickSight quicksight = new RecordingQuickSight();
        quicksight.ingestionStatuses.addAll(List.of(IngestionStatus.QUEUED, IngestionStatus.RUNNING));
        String report = provisioner(quicksight.client(), config(QuickSightConfig.ImportMode.SPICE, true)).ingestAfterTransform("transformed\n", Map.of());
        assertThat(report).startsWith("transformed\n")
                .containsPattern("SPICE ingestion +ticket-warehouse-test-events +no data set yet: run './tw quicksight datasets'")
                .containsPattern("SPICE ingestion +ticket-warehouse-test-ticket-sales +completed, 858 rows");
        assertThat(quicksight.sent(CreateIngestionRequest.class)).extracting(CreateIngestionRequest::ingestionId).containsOnly("tw-20261129180000");
        assertThat(quicksight.ingestionStatuses).as("polled until completed").isEmpty();

        RecordingQuickSight failing = new RecordingQuickSight();
        failing.ingestionStatuses.add(IngestionStatus.FAILED);
        assertThatThrownBy(() -> provisioner(failing.client(), config(QuickSightConfig.ImportMode.SPICE, true)).ingestAfterTransform("", Map.of()))
                .hasMessageContaining("failed: Athena query failed");
        assertThat(provisioner(new RecordingQuickSight().client(), CONFIG).ingestAfterTransform("direct query\n", Map.of())).isEqualTo("direct query\n");
    }
}
