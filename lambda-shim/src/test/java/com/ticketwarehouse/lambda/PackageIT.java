package com.ticketwarehouse.lambda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The package that ships (target/ticket-warehouse-lambda.jar): what it carries, and that it fits Lambda's limits with room. */
class PackageIT {
    static final Path JAR = Path.of(System.getProperty("lambda.jar", "target/ticket-warehouse-lambda.jar"));
    // Lambda: 250 MB unzipped, and 50 MB zipped for a direct upload (the CDK uploads through S3,
    // where only the unzipped limit holds); room is kept for growth under both. The report jobs
    // brought PDFBox, the SES v2 client and the mail API (7.8 MB zipped) to 57.5 MB
    static final long ZIPPED_MAX = 65_000_000, UNZIPPED_MAX = 180_000_000;

    @Test
    void it_carries_core_and_never_the_simulators_duckdb_or_the_cli() throws IOException {
        List<String> forbidden = new ArrayList<>();
        boolean handler = false, routes = false, models = false, lakeProvider = false;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith("com/ticketwarehouse/simulator/") || name.startsWith("org/duckdb/") || name.startsWith("picocli/")
                        || name.startsWith("com/ticketwarehouse/cli/") || name.startsWith("io/netty/") || name.matches("routes/[^/]+/.*")) {
                    forbidden.add(name);
                }
                handler |= name.equals("com/ticketwarehouse/lambda/Handler.class");
                routes |= name.equals("routes/load.yaml");
                models |= name.startsWith("models/marts/");
                lakeProvider |= name.equals("META-INF/services/com.ticketwarehouse.lake.LakeProvider");
            }
            assertThat(forbidden).as("what the function must not carry").isEmpty();
            assertThat(handler).as("the handler").isTrue();
            assertThat(routes).as("the routes").isTrue();
            assertThat(models).as("the SQL models").isTrue();
            assertThat(lakeProvider).isTrue();
            assertThat(new String(zip.getInputStream(zip.getEntry("META-INF/services/com.ticketwarehouse.lake.LakeProvider")).readAllBytes()).strip())
                    .as("only the aws lake").isEqualTo("com.ticketwarehouse.lake.AthenaLakeProvider");
        }
    }

    @Test
    void it_fits_lambdas_limits_with_room() throws IOException {
        long unzipped = 0;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                unzipped += entries.nextElement().getSize();
            }
        }
        System.out.printf("lambda package: %.1f MB zipped, %.1f MB unzipped%n", Files.size(JAR) / 1e6, unzipped / 1e6);
        assertThat(Files.size(JAR)).isLessThan(ZIPPED_MAX);
        assertThat(unzipped).isLessThan(UNZIPPED_MAX);
    }
}
