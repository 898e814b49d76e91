package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Archive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.extract.Entities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw tables are athena/raw_tables.sql's, whatever the archives hold: the DDL covers every field
 * the references name, and the local crawl reads records that leave fields out, send them as other
 * JSON types or add fields of their own, with the DDL's columns and nothing inferred.
 */
class RawTableFloorTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lakeDir;

    @Test
    void the_ddl_defines_every_raw_table_and_every_field_the_references_name() throws IOException {
        List<String> tables = RawTableDdl.tables().stream().map(RawTableDdl.Table::name).toList();
        List<String> expected = new ArrayList<>(Entities.ALL.stream().map(e -> "raw_" + e.replace('/', '_')).toList());
        expected.add("load_runs");
        assertThat(tables).containsExactlyInAnyOrderElementsOf(expected);

        for (String entity : Entities.TICKETSAUCE) {
            assertThat(fieldsOf(JSON.readTree(resource("schemas/ticketsauce/" + entity + ".json")), ""))
                    .as("ticketsauce/" + entity).isSubsetOf(ddlFields("raw_ticketsauce_" + entity));
        }
        JsonNode fixtures = JSON.readTree(resource("stripe/fixtures3.json")).path("resources");
        for (String entity : Entities.STRIPE) {
            Set<String> topLevel = new TreeSet<>();
            fixtures.path(entity.replaceFirst("s$", "")).fieldNames().forEachRemaining(f -> topLevel.add(f.toLowerCase(Locale.ROOT)));
            assertThat(topLevel).as("stripe/" + entity).isNotEmpty().isSubsetOf(ddlFields("raw_stripe_" + entity));
        }
    }

    @Test
    void the_local_crawl_reads_missing_drifted_and_extra_fields_with_the_defined_columns() throws IOException {
        String run = "20260101T000000Z-1000";
        archive("raw/ticketsauce/orders/load_date=2026-01-01/run_id=" + run + "/part.json.gz",
                "{\"Order\":{\"id\":\"o1\",\"total_paid\":\"10.50\"},\"Ticket\":[{\"id\":\"t1\",\"price\":10.5,\"redeemed\":1,"
                        + "\"TicketType\":[],\"LineItemFees\":[]}],\"gift_card\":{\"code\":\"X\"}}",
                "{\"Order\":{\"id\":\"o2\",\"total_paid\":7,\"opted_in\":\"1\"},\"Ticket\":[{\"id\":\"t2\",\"price\":\"7.00\","
                        + "\"redeemed\":\"true\",\"TicketType\":{\"name\":\"GA\"},\"LineItemFees\":{\"Venue Fee\":0.5}}]}");
        archive(Archive.manifestKey(run), "{\"status\":\"complete\",\"records\":2}");
        DuckDbLake lake = new DuckDbLake(lakeDir, Entities.ALL, ".writing-");

        String report = lake.crawl();
        assertThat(report).contains("raw_ticketsauce_orders: the archives also hold gift_card (kept in the archives, not in the table")
                .contains("raw_stripe_charges: no archives yet; empty, with the columns of athena/raw_tables.sql");
        assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders WHERE \"Order\".promo_code IS NULL AND \"Order\".phone IS NULL")
                .longValue()).as("fields no record sends read as NULL").isEqualTo(2);
        assertThat(lake.scalar("SELECT sum(CAST(\"Order\".total_paid AS DECIMAL(12, 2))) FROM raw_ticketsauce_orders"))
                .isEqualByComparingTo("17.50");
        assertThat(lake.scalar("SELECT sum(CAST(\"Ticket\"[1].price AS DECIMAL(12, 2))) FROM raw_ticketsauce_orders"))
                .isEqualByComparingTo("17.50");
        assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders WHERE CAST(\"Ticket\"[1].redeemed AS BOOLEAN)").longValue())
                .isEqualTo(2);
        assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders WHERE \"Ticket\"[1].\"TicketType\" = '[]'").longValue())
                .as("[] where an object was, as its JSON text").isEqualTo(1);
        assertThat(lake.scalar("SELECT count(*) FROM raw_stripe_charges WHERE amount IS NOT NULL").longValue()).isZero();
    }

    @Test
    void a_crawl_reads_only_the_runs_since_the_last_one_and_keeps_what_earlier_runs_showed() throws IOException {
        String first = "20260101T000000Z-1000", second = "20260102T000000Z-2000", third = "20260103T000000Z-3000", running = "20260104T000000Z-4000";
        Path firstObject = orders(first, "complete", "{\"Order\":{\"id\":\"o1\"},\"Ticket\":[],\"gift_card\":{\"code\":\"X\"}}");
        DuckDbLake lake = new DuckDbLake(lakeDir, Entities.ALL, ".writing-");
        assertThat(lake.crawl()).contains("raw_ticketsauce_orders: new table");

        orders(second, "complete", "{\"Order\":{\"id\":\"o2\"},\"Ticket\":[],\"loyalty\":7}");
        // what the first crawl read is not read again: an object of it that no longer reads cannot fail the next
        Files.write(firstObject, "not gzip".getBytes(StandardCharsets.UTF_8));
        String report = lake.crawl();
        assertThat(report).contains("raw_ticketsauce_orders: + loyalty BIGINT").doesNotContain("- gift_card")
                .contains("raw_ticketsauce_orders: the archives also hold gift_card, loyalty");

        orders(third, "complete", "{\"Order\":{\"id\":\"o3\"},\"Ticket\":[],\"loyalty\":\"gold\"}");
        assertThat(lake.crawl()).as("a type seen in two shapes takes the one both read as")
                .contains("raw_ticketsauce_orders: ~ loyalty BIGINT -> VARCHAR");

        orders(running, "running", "{\"Order\":{\"id\":\"o4\"},\"Ticket\":[],\"tier\":1}");
        assertThat(lake.crawl()).contains("raw_ticketsauce_orders: + tier BIGINT");
        assertThat(lake.scalar("SELECT count(*) FROM tw_crawled_runs WHERE table_name = 'raw_ticketsauce_orders' AND run_id IN ('"
                + String.join("', '", first, second, third) + "')").longValue()).isEqualTo(3);
        assertThat(lake.scalar("SELECT count(*) FROM tw_crawled_runs WHERE run_id = '" + running + "'").longValue())
                .as("a run still at work is read again by the next crawl").isZero();
        assertThat(lake.crawl()).contains("raw_ticketsauce_orders: no schema change");
    }

    private Path orders(String run, String status, String line) throws IOException {
        String object = "raw/ticketsauce/orders/load_date=" + run.substring(0, 4) + "-" + run.substring(4, 6) + "-" + run.substring(6, 8)
                + "/run_id=" + run + "/part-00001.json.gz";
        archive(object, line);
        archive(Archive.manifestKey(run), "{\"run_id\":\"" + run + "\",\"status\":\"" + status + "\",\"records\":1}");
        return lakeDir.resolve(object);
    }

    private void archive(String path, String... lines) throws IOException {
        Path file = lakeDir.resolve(path);
        Files.createDirectories(file.getParent());
        try (OutputStream out = path.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every field of a JSON record as a lower-case path (order.total_paid, ticket.tickettype), objects in arrays included. */
    private static Set<String> fieldsOf(JsonNode node, String prefix) {
        Set<String> fields = new TreeSet<>();
        JsonNode object = node.isArray() && node.size() > 0 ? node.get(0) : node;
        object.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey().toLowerCase(Locale.ROOT);
            fields.add(path);
            JsonNode value = field.getValue().isArray() && field.getValue().size() > 0 ? field.getValue().get(0) : field.getValue();
            if (value.isObject() && !field.getKey().equals("LineItemFees") && !field.getKey().equals("TicketType")) {
                fields.addAll(fieldsOf(value, path + "."));
            }
        });
        return fields;
    }

    /** Every column of a DDL table as the same kind of path, struct fields included. */
    private static Set<String> ddlFields(String table) {
        Set<String> fields = new TreeSet<>();
        for (RawTableDdl.Column column : RawTableDdl.table(table).columns()) {
            String name = column.name().toLowerCase(Locale.ROOT);
            fields.add(name);
            RawTableDdl.type(column.type(), new RawTableDdl.Dialect() {
                @Override
                public String primitive(String hiveType) {
                    return hiveType;
                }

                @Override
                public String array(String element) {
                    return element;
                }

                @Override
                public String map(String key, String value) {
                    return "map";
                }

                @Override
                public String struct(List<RawTableDdl.Column> structFields) {
                    structFields.forEach(f -> fields.add(name + "." + f.name().toLowerCase(Locale.ROOT)));
                    return "struct";
                }
            });
        }
        return fields;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RawTableFloorTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
