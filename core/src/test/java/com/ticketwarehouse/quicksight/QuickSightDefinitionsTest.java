package com.ticketwarehouse.quicksight;

import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.dashboards.Visual;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.quicksight.model.InputColumnDataType;
import software.amazon.awssdk.services.quicksight.model.MeasureField;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of the requests moto cannot show: QuickSight's expressions, formats, column types, ids and principals. */
class QuickSightDefinitionsTest {
    static final QuickSightDefinitions DEFINITIONS = new QuickSightDefinitions(QuickSightProvisionerTest.CONFIG);
    static final Map<String, Dashboard> DASHBOARDS = Dashboards.load();

    @Test
    void sums_of_several_columns_ratios_and_running_totals_are_quicksight_expressions() {
        Visual fees = DASHBOARDS.get("sales").visual("fees");
        assertThat(QuickSightDefinitions.expression(fees, fees.measures().get(0)))
                .isEqualTo("(sum({ticketing_fee}) + sum({surcharge}) + sum({service_charge}) + sum({admin_fee_not_a_gratuity}) + sum({gratuity}) + sum({other_fees}))");
        Visual rate = DASHBOARDS.get("attendance").visual("checkin_rate");
        assertThat(QuickSightDefinitions.expression(rate, rate.measures().get(0)))
                .isEqualTo("sumIf({tickets_checked_in}, {event_start} < now()) / sumIf({tickets_sold}, {event_start} < now())");
        Visual mismatched = DASHBOARDS.get("payments").visual("difference");
        assertThat(QuickSightDefinitions.expression(mismatched, mismatched.measures().get(0))).isEqualTo(
                "sumIf({difference}, ({status} = 'amount_mismatch' OR {status} = 'order_without_charge' OR {status} = 'charge_without_order'))");
        Visual pace = DASHBOARDS.get("sales").visual("pace");
        assertThat(QuickSightDefinitions.expression(pace, pace.measures().get(0))).isEqualTo("runningSum(count({ticket_id}), [{paid_at_utc} ASC])");
        MeasureField calculated = DEFINITIONS.measure(pace, pace.measures().get(0));
        assertThat(calculated.calculatedMeasureField().fieldId()).isEqualTo("pace.tickets");
    }

    @Test
    void money_is_the_configured_currency_to_the_cent_and_counts_are_counts() {
        Visual gross = DASHBOARDS.get("sales").visual("gross");
        var money = DEFINITIONS.measure(gross, gross.measures().get(0)).numericalMeasureField();
        assertThat(money.column().columnName()).isEqualTo("total");
        assertThat(money.aggregationFunction().simpleNumericalAggregationAsString()).isEqualTo("SUM");
        assertThat(money.formatConfiguration().formatConfiguration().currencyDisplayFormatConfiguration().symbol()).isEqualTo("USD");
        assertThat(money.formatConfiguration().formatConfiguration().currencyDisplayFormatConfiguration().decimalPlacesConfiguration().decimalPlaces())
                .isEqualTo(2L);
        Visual events = DASHBOARDS.get("event_settlement").visual("events");
        assertThat(DEFINITIONS.measure(events, events.measures().get(0)).categoricalMeasureField().aggregationFunctionAsString())
                .isEqualTo("DISTINCT_COUNT");
    }

    @Test
    void glue_types_become_quicksight_types() {
        assertThat(QuickSightDefinitions.columnType("decimal(12,2)")).isEqualTo(InputColumnDataType.DECIMAL);
        assertThat(QuickSightDefinitions.columnType("bigint")).isEqualTo(InputColumnDataType.INTEGER);
        assertThat(QuickSightDefinitions.columnType("timestamp")).isEqualTo(InputColumnDataType.DATETIME);
        assertThat(QuickSightDefinitions.columnType("boolean")).isEqualTo(InputColumnDataType.BOOLEAN);
        assertThat(QuickSightDefinitions.columnType("varchar")).isEqualTo(InputColumnDataType.STRING);
        var table = DEFINITIONS.physicalTable("events", Map.of("event_id", "string")).get("events").relationalTable();
        assertThat(table.dataSourceArn()).isEqualTo("arn:aws:quicksight:eu-west-1:111122223333:datasource/ticket-warehouse-test-athena");
        assertThat(table.schema()).isEqualTo("ticket_warehouse_test");
        assertThat(table.catalog()).isEqualTo("AwsDataCatalog");
    }

    @Test
    void every_visual_filter_and_fixed_condition_of_a_definition_is_in_its_dashboard() {
        for (Dashboard d : DASHBOARDS.values()) {
            var definition = DEFINITIONS.dashboard(d);
            assertThat(definition.sheets().get(0).visuals()).as(d.name()).hasSize(d.visuals().size());
            long scoped = d.marts().values().stream().mapToLong(Map::size).sum();
            long fixed = d.visuals().stream().mapToLong(v -> v.where().size()).sum();
            assertThat(definition.filterGroups()).as(d.name()).hasSize((int) (scoped + fixed));
        }
        var mismatches = DEFINITIONS.dashboard(DASHBOARDS.get("payments")).filterGroups().stream()
                .filter(g -> g.filterGroupId().equals("mismatches-status")).findFirst().orElseThrow();
        assertThat(mismatches.filters().get(0).categoryFilter().configuration().filterListConfiguration().categoryValues())
                .containsExactly("amount_mismatch", "order_without_charge", "charge_without_order");
        assertThat(mismatches.scopeConfiguration().selectedSheets().sheetVisualScopingConfigurations().get(0).visualIds()).containsExactly("mismatches");
    }

    @Test
    void ids_come_from_the_environment_and_principals_are_checked() {
        assertThat(QuickSightProvisionerTest.CONFIG.dashboardId("event_settlement")).isEqualTo("ticket-warehouse-test-event-settlement");
        assertThat(QuickSightProvisionerTest.CONFIG.dataSetId("ticket_sales")).isEqualTo("ticket-warehouse-test-ticket-sales");
        assertThat(DEFINITIONS.dashboardPermissions()).extracting(p -> p.principal() + " " + p.actions().size())
                .containsExactly("arn:aws:quicksight:eu-west-1:111122223333:group/default/analysts 8",
                        "arn:aws:quicksight:eu-west-1:111122223333:user/default/alice 3");
        assertThatThrownBy(() -> new QuickSightConfig("1", "r", "default", "p", "w", "d", QuickSightConfig.ImportMode.SPICE,
                List.of("analysts"), List.of(), "USD", true, java.time.Duration.ZERO, java.time.Duration.ZERO))
                .hasMessage("QuickSight principal 'analysts' must be group/NAME or user/NAME");
        assertThatThrownBy(() -> QuickSightConfig.importMode("spicy")).hasMessage("tw.quicksight.import-mode 'spicy' must be DIRECT_QUERY or SPICE");
    }
}
