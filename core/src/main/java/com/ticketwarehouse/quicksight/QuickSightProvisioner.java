package com.ticketwarehouse.quicksight;

import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Dashboards;
import software.amazon.awssdk.services.quicksight.QuickSightClient;
import software.amazon.awssdk.services.quicksight.model.AnalysisDefinition;
import software.amazon.awssdk.services.quicksight.model.DashboardSummary;
import software.amazon.awssdk.services.quicksight.model.DashboardVersionDefinition;
import software.amazon.awssdk.services.quicksight.model.DataSet;
import software.amazon.awssdk.services.quicksight.model.DataSource;
import software.amazon.awssdk.services.quicksight.model.DataSourceType;
import software.amazon.awssdk.services.quicksight.model.IngestionStatus;
import software.amazon.awssdk.services.quicksight.model.PhysicalTable;
import software.amazon.awssdk.services.quicksight.model.QuickSightException;
import software.amazon.awssdk.services.quicksight.model.ResourceNotFoundException;
import software.amazon.awssdk.services.quicksight.model.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes QuickSight match the dashboard definitions, step by step: each step creates what is
 * missing, updates what differs, leaves the rest alone and never makes a second of anything (the
 * ids come from the definitions and the environment). {@link #delete} removes only ids this
 * project derives, for this environment.
 */
public final class QuickSightProvisioner {
    static final String DIGEST_TAG = "ticket-warehouse:definition";

    private final Supplier<QuickSightClient> client;
    private final Supplier<QuickSightConfig> config;
    private final Supplier<Map<String, Dashboard>> dashboards;
    private final Function<String, Map<String, String>> martColumns;
    private final Supplier<Collection<String>> allMarts;
    private final Supplier<SpiceRefreshes> refreshes;
    private final Clock clock;

    /**
     * @param martColumns a mart's columns and their Glue types, as the aws target's transform made it; empty when it has no table
     * @param allMarts    every mart the models make: what delete looks for, used by a dashboard or not
     */
    public QuickSightProvisioner(Supplier<QuickSightClient> client, Supplier<QuickSightConfig> config, Supplier<Map<String, Dashboard>> dashboards,
                                 Function<String, Map<String, String>> martColumns, Supplier<Collection<String>> allMarts,
                                 Supplier<SpiceRefreshes> refreshes, Clock clock) {
        this.client = client;
        this.config = config;
        this.dashboards = dashboards;
        this.martColumns = martColumns;
        this.allMarts = allMarts;
        this.refreshes = refreshes;
        this.clock = clock;
    }

    public String all() {
        return source() + datasets() + dashboards();
    }

    /** The Athena data source on the aws target's workgroup. */
    public String source() {
        QuickSightConfig c = config.get();
        QuickSightDefinitions definitions = new QuickSightDefinitions(c);
        QuickSightClient qs = client.get();
        String id = c.dataSourceId(), name = c.prefix() + " Athena";
        DataSource existing = missingAsNull(() -> qs.describeDataSource(r -> r.awsAccountId(c.accountId()).dataSourceId(id)).dataSource());
        if (existing == null) {
            qs.createDataSource(r -> r.awsAccountId(c.accountId()).dataSourceId(id).name(name).type(DataSourceType.ATHENA)
                    .dataSourceParameters(definitions.dataSourceParameters()).permissions(nullIfEmpty(definitions.dataSourcePermissions())));
            return line("data source", id, "created (Athena, workgroup " + c.workgroup() + ")");
        }
        if (name.equals(existing.name()) && definitions.dataSourceParameters().equals(existing.dataSourceParameters())) {
            return line("data source", id, "unchanged");
        }
        qs.updateDataSource(r -> r.awsAccountId(c.accountId()).dataSourceId(id).name(name).dataSourceParameters(definitions.dataSourceParameters()));
        return line("data source", id, "updated (Athena, workgroup " + c.workgroup() + ")");
    }

    /** One data set per mart the dashboards read, with the columns Glue has for it, after checking the dashboards against them. */
    public String datasets() {
        QuickSightConfig c = config.get();
        QuickSightDefinitions definitions = new QuickSightDefinitions(c);
        QuickSightClient qs = client.get();
        Map<String, Map<String, String>> columns = new TreeMap<>();
        for (String mart : martsUsed()) {
            Map<String, String> glue = martColumns.apply(mart);
            if (glue.isEmpty()) {
                throw new IllegalStateException("mart " + mart + " has no table in Glue database " + c.database()
                        + ": run './tw transform' on the aws target first");
            }
            columns.put(mart, glue);
        }
        Map<String, Set<String>> names = new TreeMap<>();
        columns.forEach((mart, glue) -> names.put(mart, glue.keySet()));
        Dashboards.requireColumns(dashboards.get().values(), names);
        StringBuilder report = new StringBuilder();
        columns.forEach((mart, glue) -> {
            String id = c.dataSetId(mart);
            Map<String, PhysicalTable> table = definitions.physicalTable(mart, glue);
            DataSet existing = missingAsNull(() -> qs.describeDataSet(r -> r.awsAccountId(c.accountId()).dataSetId(id)).dataSet());
            if (existing == null) {
                qs.createDataSet(r -> r.awsAccountId(c.accountId()).dataSetId(id).name(c.prefix() + " " + mart).physicalTableMap(table)
                        .importMode(definitions.importMode()).permissions(nullIfEmpty(definitions.dataSetPermissions())));
                report.append(line("data set", id, "created (" + definitions.importMode() + ", " + glue.size() + " columns)"));
            } else if (table.equals(existing.physicalTableMap()) && definitions.importMode() == existing.importMode()) {
                report.append(line("data set", id, "unchanged"));
            } else {
                qs.updateDataSet(r -> r.awsAccountId(c.accountId()).dataSetId(id).name(c.prefix() + " " + mart).physicalTableMap(table)
                        .importMode(definitions.importMode()));
                report.append(line("data set", id, "updated (" + definitions.importMode() + ", " + glue.size() + " columns)"));
            }
        });
        return report.toString();
    }

    /** Each dashboard, published, and its analysis; compared by the digest of what it is made from. */
    public String dashboards() {
        QuickSightConfig c = config.get();
        QuickSightDefinitions definitions = new QuickSightDefinitions(c);
        QuickSightClient qs = client.get();
        StringBuilder report = new StringBuilder();
        for (Dashboard d : dashboards.get().values()) {
            String id = c.dashboardId(d.name());
            DashboardVersionDefinition definition = definitions.dashboard(d);
            String digest = QuickSightDefinitions.digest(definition, definitions.publishOptions(), definitions.dashboardPermissions());
            var existing = missingAsNull(() -> qs.describeDashboard(r -> r.awsAccountId(c.accountId()).dashboardId(id)).dashboard());
            if (existing == null) {
                qs.createDashboard(r -> r.awsAccountId(c.accountId()).dashboardId(id).name(d.title()).definition(definition)
                        .versionDescription(digest).dashboardPublishOptions(definitions.publishOptions())
                        .permissions(nullIfEmpty(definitions.dashboardPermissions())));
                report.append(line("dashboard", id, "created and published"));
            } else if (existing.version() != null && digest.equals(existing.version().description())) {
                report.append(line("dashboard", id, "unchanged"));
            } else {
                String versionArn = qs.updateDashboard(r -> r.awsAccountId(c.accountId()).dashboardId(id).name(d.title()).definition(definition)
                        .versionDescription(digest).dashboardPublishOptions(definitions.publishOptions())).versionArn();
                long version = Long.parseLong(versionArn.substring(versionArn.lastIndexOf('/') + 1));
                qs.updateDashboardPublishedVersion(r -> r.awsAccountId(c.accountId()).dashboardId(id).versionNumber(version));
                if (!definitions.dashboardPermissions().isEmpty()) {
                    qs.updateDashboardPermissions(r -> r.awsAccountId(c.accountId()).dashboardId(id).grantPermissions(definitions.dashboardPermissions()));
                }
                report.append(line("dashboard", id, "updated, version " + version + " published"));
            }
            if (c.analyses()) {
                report.append(analysis(qs, c, definitions, d));
            }
        }
        return report.toString();
    }

    private String analysis(QuickSightClient qs, QuickSightConfig c, QuickSightDefinitions definitions, Dashboard d) {
        String id = c.analysisId(d.name());
        AnalysisDefinition definition = definitions.analysis(d);
        Tag digest = Tag.builder().key(DIGEST_TAG).value(QuickSightDefinitions.digest(definition, definitions.analysisPermissions())).build();
        var existing = missingAsNull(() -> qs.describeAnalysis(r -> r.awsAccountId(c.accountId()).analysisId(id)).analysis());
        if (existing == null) {
            qs.createAnalysis(r -> r.awsAccountId(c.accountId()).analysisId(id).name(d.title()).definition(definition)
                    .permissions(nullIfEmpty(definitions.analysisPermissions())).tags(digest));
            return line("analysis", id, "created");
        }
        List<Tag> tags = qs.listTagsForResource(r -> r.resourceArn(existing.arn())).tags();
        if (tags.contains(digest)) {
            return line("analysis", id, "unchanged");
        }
        qs.updateAnalysis(r -> r.awsAccountId(c.accountId()).analysisId(id).name(d.title()).definition(definition));
        qs.tagResource(r -> r.resourceArn(existing.arn()).tags(digest));
        return line("analysis", id, "updated");
    }

    /**
     * Deletes this environment's dashboards, analyses, data sets and data source: the ids the
     * definitions and the models make, and any dashboard listed under this environment's prefix
     * (one whose definition was removed). Nothing else is touched.
     */
    public String delete() {
        QuickSightConfig c = config.get();
        QuickSightClient qs = client.get();
        Set<String> dashboardIds = new LinkedHashSet<>();
        dashboards.get().keySet().forEach(name -> dashboardIds.add(c.dashboardId(name)));
        for (DashboardSummary listed : qs.listDashboardsPaginator(r -> r.awsAccountId(c.accountId())).dashboardSummaryList()) {
            if (listed.dashboardId().startsWith(c.prefix() + "-")) {
                dashboardIds.add(listed.dashboardId());
            }
        }
        StringBuilder report = new StringBuilder();
        for (String id : dashboardIds) {
            report.append(line("dashboard", id, deleted(() -> qs.deleteDashboard(r -> r.awsAccountId(c.accountId()).dashboardId(id)))));
            if (c.analyses()) {
                String analysis = id + "-analysis";
                report.append(line("analysis", analysis, deleted(() -> qs.deleteAnalysis(r -> r.awsAccountId(c.accountId()).analysisId(analysis)
                        .forceDeleteWithoutRecovery(true)))));
            }
        }
        for (String mart : new java.util.TreeSet<>(allMarts.get())) {
            String id = c.dataSetId(mart);
            report.append(line("data set", id, deleted(() -> qs.deleteDataSet(r -> r.awsAccountId(c.accountId()).dataSetId(id)))));
        }
        report.append(line("data source", c.dataSourceId(),
                deleted(() -> qs.deleteDataSource(r -> r.awsAccountId(c.accountId()).dataSourceId(c.dataSourceId())))));
        return report.toString();
    }

    /**
     * After a transform on the aws target, with SPICE: a new ingestion of each data set whose mart
     * changed, within QuickSight's daily limit ({@link SpiceRefreshes}), awaited, so that the
     * dashboards show the new tables when the transform is over. Direct Query needs none.
     */
    public String ingestAfterTransform(String transformReport, Map<String, String> tablesAsOf) {
        QuickSightConfig c = config.get();
        if (c.importMode() != QuickSightConfig.ImportMode.SPICE) {
            return transformReport;
        }
        QuickSightClient qs = client.get();
        String ingestionId = "tw-" + clock.instant().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Map<String, String> started = new TreeMap<>();
        StringBuilder report = new StringBuilder(transformReport == null ? "" : transformReport);
        for (String mart : martsUsed()) {
            String id = c.dataSetId(mart);
            String notDue = refreshes.get().notDue(id, mart, tablesAsOf);
            if (notDue != null) {
                report.append(line("SPICE ingestion", id, "not now: " + notDue));
                continue;
            }
            String status = missingAsNull(() -> qs.createIngestion(r -> r.awsAccountId(c.accountId()).dataSetId(id).ingestionId(ingestionId))
                    .ingestionStatusAsString());
            if (status == null) {
                report.append(line("SPICE ingestion", id, "no data set yet: run './tw quicksight datasets'"));
            } else {
                started.put(mart, id);
            }
        }
        Instant begun = clock.instant();
        Instant deadline = begun.plus(c.ingestionTimeout());
        for (Map.Entry<String, String> dataSet : started.entrySet()) {
            String id = dataSet.getValue();
            while (true) {
                var ingestion = qs.describeIngestion(r -> r.awsAccountId(c.accountId()).dataSetId(id).ingestionId(ingestionId)).ingestion();
                IngestionStatus status = ingestion.ingestionStatus();
                if (status == IngestionStatus.COMPLETED) {
                    refreshes.get().ingested(id, dataSet.getKey(), begun, tablesAsOf);
                    report.append(line("SPICE ingestion", id, "completed, " + ingestion.rowInfo().rowsIngested() + " rows"));
                    break;
                }
                if (status == IngestionStatus.FAILED || status == IngestionStatus.CANCELLED) {
                    throw new IllegalStateException("SPICE ingestion " + ingestionId + " of data set " + id + " " + status.toString().toLowerCase()
                            + (ingestion.errorInfo() == null ? "" : ": " + ingestion.errorInfo().message()));
                }
                if (clock.instant().isAfter(deadline)) {
                    throw new IllegalStateException("SPICE ingestion " + ingestionId + " of data set " + id + " did not finish within "
                            + c.ingestionTimeout());
                }
                sleep(c.poll().toMillis());
            }
        }
        return report.toString();
    }

    /** The newest change of each raw entity before a transform, for {@link #ingestAfterTransform} to compare. */
    public Map<String, String> tablesAsOf() {
        return refreshes.get().tablesAsOf();
    }

    /** For status, with SPICE: the data sets whose dashboards show older data than the tables. */
    public String staleness(String status) {
        QuickSightConfig c = config.get();
        Map<String, String> dataSets = new TreeMap<>();
        martsUsed().forEach(mart -> dataSets.put(mart, c.dataSetId(mart)));
        return status + refreshes.get().staleness(dataSets);
    }

    /** Every mart some dashboard reads (a visual's, or a filter's choices). */
    Set<String> martsUsed() {
        Set<String> marts = new java.util.TreeSet<>();
        dashboards.get().values().forEach(d -> marts.addAll(d.columnsByMart().keySet()));
        return marts;
    }

    /** What does not exist: ResourceNotFoundException, or a bare 404. */
    static <T> T missingAsNull(Supplier<T> describe) {
        try {
            return describe.get();
        } catch (QuickSightException e) {
            if (e instanceof ResourceNotFoundException || e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static String deleted(Runnable delete) {
        return missingAsNull(() -> {
            delete.run();
            return "deleted";
        }) == null ? "absent" : "deleted";
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    private static String line(String kind, String id, String what) {
        return String.format("%-16s %-48s %s%n", kind, id, what);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a SPICE ingestion", e);
        }
    }
}
