package com.ticketwarehouse.quicksight;

import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Format;
import com.ticketwarehouse.dashboards.Measure;
import software.amazon.awssdk.services.quicksight.model.AdHocFilteringOption;
import software.amazon.awssdk.services.quicksight.model.AnalysisDefinition;
import software.amazon.awssdk.services.quicksight.model.AthenaParameters;
import software.amazon.awssdk.services.quicksight.model.BarChartAggregatedFieldWells;
import software.amazon.awssdk.services.quicksight.model.BarChartConfiguration;
import software.amazon.awssdk.services.quicksight.model.BarChartFieldWells;
import software.amazon.awssdk.services.quicksight.model.BarChartOrientation;
import software.amazon.awssdk.services.quicksight.model.BarChartSortConfiguration;
import software.amazon.awssdk.services.quicksight.model.BarChartVisual;
import software.amazon.awssdk.services.quicksight.model.BarsArrangement;
import software.amazon.awssdk.services.quicksight.model.CalculatedMeasureField;
import software.amazon.awssdk.services.quicksight.model.CategoricalAggregationFunction;
import software.amazon.awssdk.services.quicksight.model.CategoricalDimensionField;
import software.amazon.awssdk.services.quicksight.model.CategoricalMeasureField;
import software.amazon.awssdk.services.quicksight.model.CategoryFilter;
import software.amazon.awssdk.services.quicksight.model.CategoryFilterConfiguration;
import software.amazon.awssdk.services.quicksight.model.CategoryFilterMatchOperator;
import software.amazon.awssdk.services.quicksight.model.CategoryFilterSelectAllOptions;
import software.amazon.awssdk.services.quicksight.model.ColumnIdentifier;
import software.amazon.awssdk.services.quicksight.model.CrossDatasetTypes;
import software.amazon.awssdk.services.quicksight.model.CurrencyDisplayFormatConfiguration;
import software.amazon.awssdk.services.quicksight.model.CustomFilterConfiguration;
import software.amazon.awssdk.services.quicksight.model.DashboardBehavior;
import software.amazon.awssdk.services.quicksight.model.DashboardPublishOptions;
import software.amazon.awssdk.services.quicksight.model.DashboardUIState;
import software.amazon.awssdk.services.quicksight.model.DashboardVersionDefinition;
import software.amazon.awssdk.services.quicksight.model.DataSetIdentifierDeclaration;
import software.amazon.awssdk.services.quicksight.model.DataSetImportMode;
import software.amazon.awssdk.services.quicksight.model.DataSourceParameters;
import software.amazon.awssdk.services.quicksight.model.DateDimensionField;
import software.amazon.awssdk.services.quicksight.model.DateTimeDefaultValues;
import software.amazon.awssdk.services.quicksight.model.DateTimeParameterDeclaration;
import software.amazon.awssdk.services.quicksight.model.DecimalPlacesConfiguration;
import software.amazon.awssdk.services.quicksight.model.DimensionField;
import software.amazon.awssdk.services.quicksight.model.ExportToCSVOption;
import software.amazon.awssdk.services.quicksight.model.FieldSort;
import software.amazon.awssdk.services.quicksight.model.FieldSortOptions;
import software.amazon.awssdk.services.quicksight.model.Filter;
import software.amazon.awssdk.services.quicksight.model.FilterGroup;
import software.amazon.awssdk.services.quicksight.model.FilterListConfiguration;
import software.amazon.awssdk.services.quicksight.model.FilterNullOption;
import software.amazon.awssdk.services.quicksight.model.FilterScopeConfiguration;
import software.amazon.awssdk.services.quicksight.model.FilterVisualScope;
import software.amazon.awssdk.services.quicksight.model.InputColumn;
import software.amazon.awssdk.services.quicksight.model.InputColumnDataType;
import software.amazon.awssdk.services.quicksight.model.ItemsLimitConfiguration;
import software.amazon.awssdk.services.quicksight.model.KPIConfiguration;
import software.amazon.awssdk.services.quicksight.model.KPIFieldWells;
import software.amazon.awssdk.services.quicksight.model.KPIVisual;
import software.amazon.awssdk.services.quicksight.model.LineChartAggregatedFieldWells;
import software.amazon.awssdk.services.quicksight.model.LineChartConfiguration;
import software.amazon.awssdk.services.quicksight.model.LineChartFieldWells;
import software.amazon.awssdk.services.quicksight.model.LineChartVisual;
import software.amazon.awssdk.services.quicksight.model.MeasureField;
import software.amazon.awssdk.services.quicksight.model.NumberDisplayFormatConfiguration;
import software.amazon.awssdk.services.quicksight.model.NumberFormatConfiguration;
import software.amazon.awssdk.services.quicksight.model.NumericFormatConfiguration;
import software.amazon.awssdk.services.quicksight.model.NumericalAggregationFunction;
import software.amazon.awssdk.services.quicksight.model.NumericalMeasureField;
import software.amazon.awssdk.services.quicksight.model.OtherCategories;
import software.amazon.awssdk.services.quicksight.model.ParameterControl;
import software.amazon.awssdk.services.quicksight.model.ParameterDateTimePickerControl;
import software.amazon.awssdk.services.quicksight.model.ParameterDeclaration;
import software.amazon.awssdk.services.quicksight.model.ParameterDropDownControl;
import software.amazon.awssdk.services.quicksight.model.ParameterSelectableValues;
import software.amazon.awssdk.services.quicksight.model.ParameterValueType;
import software.amazon.awssdk.services.quicksight.model.PercentageDisplayFormatConfiguration;
import software.amazon.awssdk.services.quicksight.model.PhysicalTable;
import software.amazon.awssdk.services.quicksight.model.PivotTableAggregatedFieldWells;
import software.amazon.awssdk.services.quicksight.model.PivotTableConfiguration;
import software.amazon.awssdk.services.quicksight.model.PivotTableFieldWells;
import software.amazon.awssdk.services.quicksight.model.PivotTableTotalOptions;
import software.amazon.awssdk.services.quicksight.model.PivotTableVisual;
import software.amazon.awssdk.services.quicksight.model.PivotTotalOptions;
import software.amazon.awssdk.services.quicksight.model.RelationalTable;
import software.amazon.awssdk.services.quicksight.model.ResourcePermission;
import software.amazon.awssdk.services.quicksight.model.RollingDateConfiguration;
import software.amazon.awssdk.services.quicksight.model.SelectedSheetsFilterScopeConfiguration;
import software.amazon.awssdk.services.quicksight.model.SheetControlListType;
import software.amazon.awssdk.services.quicksight.model.SheetControlsOption;
import software.amazon.awssdk.services.quicksight.model.SheetDefinition;
import software.amazon.awssdk.services.quicksight.model.SheetVisualScopingConfiguration;
import software.amazon.awssdk.services.quicksight.model.ShortFormatText;
import software.amazon.awssdk.services.quicksight.model.SimpleNumericalAggregationFunction;
import software.amazon.awssdk.services.quicksight.model.SortDirection;
import software.amazon.awssdk.services.quicksight.model.StringParameterDeclaration;
import software.amazon.awssdk.services.quicksight.model.TableAggregatedFieldWells;
import software.amazon.awssdk.services.quicksight.model.TableConfiguration;
import software.amazon.awssdk.services.quicksight.model.TableFieldWells;
import software.amazon.awssdk.services.quicksight.model.TableSortConfiguration;
import software.amazon.awssdk.services.quicksight.model.TableTotalsPlacement;
import software.amazon.awssdk.services.quicksight.model.TableVisual;
import software.amazon.awssdk.services.quicksight.model.TimeGranularity;
import software.amazon.awssdk.services.quicksight.model.TimeRangeFilter;
import software.amazon.awssdk.services.quicksight.model.TimeRangeFilterValue;
import software.amazon.awssdk.services.quicksight.model.TotalOptions;
import software.amazon.awssdk.services.quicksight.model.ValueWhenUnsetOption;
import software.amazon.awssdk.services.quicksight.model.Visibility;
import software.amazon.awssdk.services.quicksight.model.VisualTitleLabelOptions;
import software.amazon.awssdk.services.quicksight.model.WidgetStatus;
import software.amazon.awssdk.services.quicksight.model.StringValueWhenUnsetConfiguration;
import software.amazon.awssdk.services.quicksight.model.DateTimeValueWhenUnsetConfiguration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The QuickSight requests' contents made from the dashboard definitions, with no call made: the
 * Athena data source, one data set per mart, and each dashboard (and its analysis) through the
 * Definition API. Everything a QuickSight renders comes from dashboards/*.yaml; nothing is drawn
 * in the console.
 */
public final class QuickSightDefinitions {
    static final String SHEET = "main";
    static final List<String> SOURCE_OWNER = List.of("quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions",
            "quicksight:PassDataSource", "quicksight:UpdateDataSource", "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions");
    static final List<String> DATA_SET_OWNER = List.of("quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions",
            "quicksight:PassDataSet", "quicksight:DescribeIngestion", "quicksight:ListIngestions", "quicksight:UpdateDataSet",
            "quicksight:DeleteDataSet", "quicksight:CreateIngestion", "quicksight:CancelIngestion", "quicksight:UpdateDataSetPermissions");
    static final List<String> ANALYSIS_OWNER = List.of("quicksight:RestoreAnalysis", "quicksight:UpdateAnalysisPermissions",
            "quicksight:DeleteAnalysis", "quicksight:DescribeAnalysisPermissions", "quicksight:QueryAnalysis", "quicksight:DescribeAnalysis",
            "quicksight:UpdateAnalysis");
    static final List<String> DASHBOARD_READER = List.of("quicksight:DescribeDashboard", "quicksight:ListDashboardVersions",
            "quicksight:QueryDashboard");
    static final List<String> DASHBOARD_OWNER = List.of("quicksight:DescribeDashboard", "quicksight:ListDashboardVersions",
            "quicksight:QueryDashboard", "quicksight:UpdateDashboard", "quicksight:DeleteDashboard", "quicksight:UpdateDashboardPermissions",
            "quicksight:DescribeDashboardPermissions", "quicksight:UpdateDashboardPublishedVersion");

    private final QuickSightConfig config;

    public QuickSightDefinitions(QuickSightConfig config) {
        this.config = config;
    }

    public DataSourceParameters dataSourceParameters() {
        return DataSourceParameters.builder().athenaParameters(AthenaParameters.builder().workGroup(config.workgroup()).build()).build();
    }

    public List<ResourcePermission> dataSourcePermissions() {
        return permissions(config.authors(), SOURCE_OWNER);
    }

    public List<ResourcePermission> dataSetPermissions() {
        return permissions(config.authors(), DATA_SET_OWNER);
    }

    public List<ResourcePermission> analysisPermissions() {
        return permissions(config.authors(), ANALYSIS_OWNER);
    }

    /** Authors own a dashboard; readers view it. */
    public List<ResourcePermission> dashboardPermissions() {
        List<ResourcePermission> permissions = new ArrayList<>(permissions(config.authors(), DASHBOARD_OWNER));
        permissions.addAll(permissions(config.readers().stream().filter(r -> !config.authors().contains(r)).toList(), DASHBOARD_READER));
        return permissions;
    }

    private List<ResourcePermission> permissions(List<String> principals, List<String> actions) {
        return principals.stream().map(p -> ResourcePermission.builder().principal(config.principalArn(p)).actions(actions).build()).toList();
    }

    public DataSetImportMode importMode() {
        return config.importMode() == QuickSightConfig.ImportMode.SPICE ? DataSetImportMode.SPICE : DataSetImportMode.DIRECT_QUERY;
    }

    /** A mart's table in the aws target's Glue database, read through the Athena data source, with the columns Glue has. */
    public Map<String, PhysicalTable> physicalTable(String mart, Map<String, String> glueColumns) {
        List<InputColumn> columns = new ArrayList<>();
        glueColumns.forEach((name, type) -> columns.add(InputColumn.builder().name(name).type(columnType(type)).build()));
        return Map.of(mart, PhysicalTable.builder().relationalTable(RelationalTable.builder()
                .dataSourceArn(config.arn("datasource", config.dataSourceId())).catalog("AwsDataCatalog")
                .schema(config.database()).name(mart).inputColumns(columns).build()).build());
    }

    /** Glue's (Hive's) type names to QuickSight's. */
    static InputColumnDataType columnType(String glueType) {
        String type = glueType.toLowerCase(Locale.ROOT);
        if (type.startsWith("decimal") || type.equals("double") || type.equals("float") || type.equals("real")) {
            return InputColumnDataType.DECIMAL;
        } else if (type.equals("bigint") || type.equals("int") || type.equals("integer") || type.equals("smallint") || type.equals("tinyint")) {
            return InputColumnDataType.INTEGER;
        } else if (type.startsWith("timestamp") || type.equals("date")) {
            return InputColumnDataType.DATETIME;
        } else if (type.equals("boolean")) {
            return InputColumnDataType.BOOLEAN;
        }
        return InputColumnDataType.STRING;
    }

    public DashboardVersionDefinition dashboard(Dashboard d) {
        return DashboardVersionDefinition.builder().dataSetIdentifierDeclarations(dataSets(d)).parameterDeclarations(parameters(d))
                .filterGroups(filterGroups(d)).sheets(sheet(d)).build();
    }

    /** The analysis of a dashboard: the same sheet, for authors to explore and extend in QuickSight. */
    public AnalysisDefinition analysis(Dashboard d) {
        return AnalysisDefinition.builder().dataSetIdentifierDeclarations(dataSets(d)).parameterDeclarations(parameters(d))
                .filterGroups(filterGroups(d)).sheets(sheet(d)).build();
    }

    public DashboardPublishOptions publishOptions() {
        return DashboardPublishOptions.builder()
                .adHocFilteringOption(AdHocFilteringOption.builder().availabilityStatus(DashboardBehavior.ENABLED).build())
                .exportToCSVOption(ExportToCSVOption.builder().availabilityStatus(DashboardBehavior.ENABLED).build())
                .sheetControlsOption(SheetControlsOption.builder().visibilityState(DashboardUIState.EXPANDED).build()).build();
    }

    /**
     * What a published dashboard is compared by: a digest of everything it is made from, kept as
     * its version's description, so that an unchanged dashboard is left alone without reading its
     * definition back.
     */
    public static String digest(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            }
            return "ticket-warehouse definition " + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DataSetIdentifierDeclaration> dataSets(Dashboard d) {
        return d.columnsByMart().keySet().stream().map(mart -> DataSetIdentifierDeclaration.builder().identifier(mart)
                .dataSetArn(config.arn("dataset", config.dataSetId(mart))).build()).toList();
    }

    /** A date range is two date parameters (from, to); a choice is one text parameter, all values while unset. */
    private List<ParameterDeclaration> parameters(Dashboard d) {
        List<ParameterDeclaration> parameters = new ArrayList<>();
        d.filters().forEach((id, filter) -> {
            if (filter.type() == Dashboard.FilterType.DATE_RANGE) {
                parameters.add(dateParameter(id + "From", "addDateTime(-20, 'YYYY', truncDate('YYYY', now()))"));
                parameters.add(dateParameter(id + "To", "addDateTime(5, 'YYYY', truncDate('YYYY', now()))"));
            } else {
                parameters.add(ParameterDeclaration.builder().stringParameterDeclaration(StringParameterDeclaration.builder()
                        .name(id).parameterValueType(ParameterValueType.SINGLE_VALUED)
                        .valueWhenUnset(StringValueWhenUnsetConfiguration.builder().valueWhenUnsetOption(ValueWhenUnsetOption.NULL).build())
                        .build()).build());
            }
        });
        return parameters;
    }

    private static ParameterDeclaration dateParameter(String name, String rollingDefault) {
        return ParameterDeclaration.builder().dateTimeParameterDeclaration(DateTimeParameterDeclaration.builder().name(name)
                .timeGranularity(TimeGranularity.DAY)
                .defaultValues(DateTimeDefaultValues.builder().rollingDate(RollingDateConfiguration.builder().expression(rollingDefault).build()).build())
                .valueWhenUnset(DateTimeValueWhenUnsetConfiguration.builder().valueWhenUnsetOption(ValueWhenUnsetOption.RECOMMENDED_VALUE).build())
                .build()).build();
    }

    /** Per filter and mart, a filter group on that mart's column scoped to its visuals; per visual, its fixed conditions. */
    private List<FilterGroup> filterGroups(Dashboard d) {
        List<FilterGroup> groups = new ArrayList<>();
        d.filters().forEach((id, filter) -> {
            for (String mart : d.marts().keySet()) {
                String column = d.filterColumn(mart, id);
                List<String> visuals = d.visuals().stream().filter(v -> v.mart().equals(mart)).map(com.ticketwarehouse.dashboards.Visual::id).toList();
                if (column == null || visuals.isEmpty()) {
                    continue;
                }
                String filterId = id + "-" + mart.replace('_', '-');
                Filter f = filter.type() == Dashboard.FilterType.DATE_RANGE
                        ? Filter.builder().timeRangeFilter(TimeRangeFilter.builder().filterId(filterId).column(column(mart, column))
                                .includeMinimum(true).includeMaximum(true).timeGranularity(TimeGranularity.DAY)
                                .nullOption(FilterNullOption.NON_NULLS_ONLY)
                                .rangeMinimumValue(TimeRangeFilterValue.builder().parameter(id + "From").build())
                                .rangeMaximumValue(TimeRangeFilterValue.builder().parameter(id + "To").build()).build()).build()
                        : Filter.builder().categoryFilter(CategoryFilter.builder().filterId(filterId).column(column(mart, column))
                                .configuration(CategoryFilterConfiguration.builder().customFilterConfiguration(CustomFilterConfiguration.builder()
                                        .matchOperator(CategoryFilterMatchOperator.EQUALS).parameterName(id)
                                        .selectAllOptions(CategoryFilterSelectAllOptions.FILTER_ALL_VALUES)
                                        .nullOption(FilterNullOption.ALL_VALUES).build()).build()).build()).build();
                groups.add(group(filterId, f, visuals));
            }
        });
        for (com.ticketwarehouse.dashboards.Visual v : d.visuals()) {
            v.where().forEach((column, values) -> {
                String filterId = v.id() + "-" + column.replace('_', '-');
                groups.add(group(filterId, Filter.builder().categoryFilter(CategoryFilter.builder().filterId(filterId).column(column(v.mart(), column))
                        .configuration(CategoryFilterConfiguration.builder().filterListConfiguration(FilterListConfiguration.builder()
                                .matchOperator(CategoryFilterMatchOperator.CONTAINS).categoryValues(values)
                                .nullOption(FilterNullOption.NON_NULLS_ONLY).build()).build()).build()).build(), List.of(v.id())));
            });
        }
        return groups;
    }

    private static FilterGroup group(String id, Filter filter, List<String> visuals) {
        return FilterGroup.builder().filterGroupId(id).filters(filter).crossDataset(CrossDatasetTypes.SINGLE_DATASET).status(WidgetStatus.ENABLED)
                .scopeConfiguration(FilterScopeConfiguration.builder().selectedSheets(SelectedSheetsFilterScopeConfiguration.builder()
                        .sheetVisualScopingConfigurations(SheetVisualScopingConfiguration.builder().sheetId(SHEET)
                                .scope(FilterVisualScope.SELECTED_VISUALS).visualIds(visuals).build()).build()).build()).build();
    }

    private SheetDefinition sheet(Dashboard d) {
        List<ParameterControl> controls = new ArrayList<>();
        d.filters().forEach((id, filter) -> {
            if (filter.type() == Dashboard.FilterType.DATE_RANGE) {
                for (String end : List.of("From", "To")) {
                    controls.add(ParameterControl.builder().dateTimePicker(ParameterDateTimePickerControl.builder()
                            .parameterControlId(id + end).title(filter.label() + " " + end.toLowerCase(Locale.ROOT))
                            .sourceParameterName(id + end).build()).build());
                }
            } else {
                controls.add(ParameterControl.builder().dropdown(ParameterDropDownControl.builder().parameterControlId(id).title(filter.label())
                        .sourceParameterName(id).type(SheetControlListType.SINGLE_SELECT)
                        .selectableValues(ParameterSelectableValues.builder().linkToDataSetColumn(
                                column(filter.options().mart(), filter.options().value())).build()).build()).build());
            }
        });
        List<software.amazon.awssdk.services.quicksight.model.Visual> visuals = d.visuals().stream().map(this::visual).toList();
        return SheetDefinition.builder().sheetId(SHEET).name(d.title()).title(d.title()).description(d.description())
                .parameterControls(controls).visuals(visuals).build();
    }

    software.amazon.awssdk.services.quicksight.model.Visual visual(com.ticketwarehouse.dashboards.Visual v) {
        VisualTitleLabelOptions title = VisualTitleLabelOptions.builder().visibility(Visibility.VISIBLE).formatText(ShortFormatText.builder()
                .plainText(v.title() != null ? v.title() : v.measures().get(0).label()).build()).build();
        List<DimensionField> dimensions = v.dimensions().stream().map(dim -> dimension(v, dim)).toList();
        List<DimensionField> series = v.series() == null ? List.of() : List.of(dimension(v, v.series()));
        List<MeasureField> measures = v.measures().stream().map(m -> measure(v, m)).toList();
        var visual = software.amazon.awssdk.services.quicksight.model.Visual.builder();
        switch (v.type()) {
            case KPI -> visual.kpiVisual(KPIVisual.builder().visualId(v.id()).title(title).chartConfiguration(KPIConfiguration.builder()
                    .fieldWells(KPIFieldWells.builder().values(measures).build()).build()).build());
            case BAR -> {
                BarChartConfiguration.Builder chart = BarChartConfiguration.builder().orientation(BarChartOrientation.VERTICAL)
                        .barsArrangement(v.stacked() ? BarsArrangement.STACKED : BarsArrangement.CLUSTERED)
                        .fieldWells(BarChartFieldWells.builder().barChartAggregatedFieldWells(BarChartAggregatedFieldWells.builder()
                                .category(dimensions).values(measures).colors(series).build()).build());
                if (v.sort() != null || v.limit() != null) {
                    BarChartSortConfiguration.Builder sort = BarChartSortConfiguration.builder();
                    if (v.sort() != null) {
                        sort.categorySort(sort(v));
                    }
                    if (v.limit() != null) {
                        sort.categoryItemsLimit(ItemsLimitConfiguration.builder().itemsLimit(v.limit().longValue())
                                .otherCategories(OtherCategories.EXCLUDE).build());
                    }
                    chart.sortConfiguration(sort.build());
                }
                visual.barChartVisual(BarChartVisual.builder().visualId(v.id()).title(title).chartConfiguration(chart.build()).build());
            }
            case LINE -> visual.lineChartVisual(LineChartVisual.builder().visualId(v.id()).title(title).chartConfiguration(LineChartConfiguration.builder()
                    .fieldWells(LineChartFieldWells.builder().lineChartAggregatedFieldWells(LineChartAggregatedFieldWells.builder()
                            .category(dimensions).values(measures).colors(series).build()).build()).build()).build());
            case TABLE -> {
                TableConfiguration.Builder table = TableConfiguration.builder()
                        .fieldWells(TableFieldWells.builder().tableAggregatedFieldWells(TableAggregatedFieldWells.builder()
                                .groupBy(dimensions).values(measures).build()).build())
                        .totalOptions(TotalOptions.builder().totalsVisibility(Visibility.VISIBLE).placement(TableTotalsPlacement.END).build());
                if (v.sort() != null) {
                    table.sortConfiguration(TableSortConfiguration.builder().rowSort(sort(v)).build());
                }
                visual.tableVisual(TableVisual.builder().visualId(v.id()).title(title).chartConfiguration(table.build()).build());
            }
            case PIVOT -> visual.pivotTableVisual(PivotTableVisual.builder().visualId(v.id()).title(title).chartConfiguration(PivotTableConfiguration.builder()
                    .fieldWells(PivotTableFieldWells.builder().pivotTableAggregatedFieldWells(PivotTableAggregatedFieldWells.builder()
                            .rows(dimensions).columns(series).values(measures).build()).build())
                    .totalOptions(PivotTableTotalOptions.builder()
                            .rowTotalOptions(PivotTotalOptions.builder().totalsVisibility(Visibility.VISIBLE).build())
                            .columnTotalOptions(PivotTotalOptions.builder().totalsVisibility(Visibility.VISIBLE).build()).build()).build()).build());
        }
        return visual.build();
    }

    private static FieldSortOptions sort(com.ticketwarehouse.dashboards.Visual v) {
        return FieldSortOptions.builder().fieldSort(FieldSort.builder().fieldId(fieldId(v, v.sortKey()))
                .direction(v.sortDescending() ? SortDirection.DESC : SortDirection.ASC).build()).build();
    }

    /** Field ids are unique across a definition: the visual's id, then the dimension's key or the measure's id. */
    static String fieldId(com.ticketwarehouse.dashboards.Visual v, String key) {
        return v.id() + "." + key;
    }

    private static DimensionField dimension(com.ticketwarehouse.dashboards.Visual v, com.ticketwarehouse.dashboards.Visual.Dimension dim) {
        if (dim.by() != null) {
            return DimensionField.builder().dateDimensionField(DateDimensionField.builder().fieldId(fieldId(v, dim.key()))
                    .column(column(v.mart(), dim.column())).dateGranularity(TimeGranularity.fromValue(dim.by().name())).build()).build();
        }
        return DimensionField.builder().categoricalDimensionField(CategoricalDimensionField.builder().fieldId(fieldId(v, dim.key()))
                .column(column(v.mart(), dim.column())).build()).build();
    }

    /**
     * One aggregate of one column is a measure QuickSight formats; a sum of several columns, a
     * ratio and a running total are calculated measures in QuickSight's own expressions.
     */
    MeasureField measure(com.ticketwarehouse.dashboards.Visual v, Measure m) {
        String id = fieldId(v, m.id());
        Measure.Aggregate aggregate = m.aggregate();
        if (m.runningTotal() || m.filtered() || aggregate == Measure.Aggregate.RATIO || (aggregate == Measure.Aggregate.SUM && m.sum().size() > 1)) {
            return MeasureField.builder().calculatedMeasureField(CalculatedMeasureField.builder().fieldId(id).expression(expression(v, m)).build()).build();
        }
        if (aggregate == Measure.Aggregate.COUNT || aggregate == Measure.Aggregate.COUNT_DISTINCT) {
            return MeasureField.builder().categoricalMeasureField(CategoricalMeasureField.builder().fieldId(id).column(column(v.mart(), m.column()))
                    .aggregationFunction(aggregate == Measure.Aggregate.COUNT ? CategoricalAggregationFunction.COUNT
                            : CategoricalAggregationFunction.DISTINCT_COUNT).build()).build();
        }
        SimpleNumericalAggregationFunction function = switch (aggregate) {
            case AVG -> SimpleNumericalAggregationFunction.AVERAGE;
            case MIN -> SimpleNumericalAggregationFunction.MIN;
            case MAX -> SimpleNumericalAggregationFunction.MAX;
            default -> SimpleNumericalAggregationFunction.SUM;
        };
        return MeasureField.builder().numericalMeasureField(NumericalMeasureField.builder().fieldId(id).column(column(v.mart(), m.column()))
                .aggregationFunction(NumericalAggregationFunction.builder().simpleNumericalAggregation(function).build())
                .formatConfiguration(format(m.format())).build()).build();
    }

    /**
     * A measure in QuickSight's expression language: sum({a}) + sum({b}), sum({a}) / sum({b}),
     * runningSum(...); a measure that counts only some rows uses the conditional aggregates, sumIf({a}, condition).
     */
    static String expression(com.ticketwarehouse.dashboards.Visual v, Measure m) {
        String condition = condition(m);
        String aggregate = switch (m.aggregate()) {
            case SUM -> sums(m.sum(), condition);
            case RATIO -> sums(m.sum(), condition) + " / " + sums(m.over(), condition);
            case COUNT -> aggregate("count", m.count(), condition);
            case COUNT_DISTINCT -> aggregate("distinct_count", m.countDistinct(), condition);
            case AVG -> aggregate("avg", m.avg(), condition);
            case MIN -> aggregate("min", m.min(), condition);
            case MAX -> aggregate("max", m.max(), condition);
        };
        if (m.runningTotal() && !v.dimensions().isEmpty()) {
            com.ticketwarehouse.dashboards.Visual.Dimension x = v.dimensions().get(0);
            return "runningSum(" + aggregate + ", [{" + x.column() + "} ASC])";
        }
        return aggregate;
    }

    /** The rows a measure counts as a QuickSight condition, or null for all (the same rows as MeasureSql's FILTER). */
    private static String condition(Measure m) {
        if (!m.filtered()) {
            return null;
        }
        List<String> conditions = new ArrayList<>();
        m.where().forEach((column, values) -> conditions.add("(" + String.join(" OR ",
                values.stream().map(value -> "{" + column + "} = '" + value + "'").toList()) + ")"));
        if (m.past() != null) {
            conditions.add("{" + m.past() + "} < now()");
        }
        return String.join(" AND ", conditions);
    }

    private static String aggregate(String function, String column, String condition) {
        return condition == null ? function + "({" + column + "})" : function + "If({" + column + "}, " + condition + ")";
    }

    private static String sums(List<String> columns, String condition) {
        return columns.size() == 1 ? aggregate("sum", columns.get(0), condition)
                : "(" + String.join(" + ", columns.stream().map(c -> aggregate("sum", c, condition)).toList()) + ")";
    }

    private NumberFormatConfiguration format(Format format) {
        NumericFormatConfiguration.Builder numeric = NumericFormatConfiguration.builder();
        switch (format) {
            case MONEY -> numeric.currencyDisplayFormatConfiguration(CurrencyDisplayFormatConfiguration.builder().symbol(config.currency())
                    .decimalPlacesConfiguration(DecimalPlacesConfiguration.builder().decimalPlaces(2L).build()).build());
            case PERCENT -> numeric.percentageDisplayFormatConfiguration(PercentageDisplayFormatConfiguration.builder()
                    .decimalPlacesConfiguration(DecimalPlacesConfiguration.builder().decimalPlaces(1L).build()).build());
            case INTEGER -> numeric.numberDisplayFormatConfiguration(NumberDisplayFormatConfiguration.builder()
                    .decimalPlacesConfiguration(DecimalPlacesConfiguration.builder().decimalPlaces(0L).build()).build());
            default -> numeric.numberDisplayFormatConfiguration(NumberDisplayFormatConfiguration.builder().build());
        }
        return NumberFormatConfiguration.builder().formatConfiguration(numeric.build()).build();
    }

    private static ColumnIdentifier column(String mart, String column) {
        return ColumnIdentifier.builder().dataSetIdentifier(mart).columnName(column).build();
    }
}
