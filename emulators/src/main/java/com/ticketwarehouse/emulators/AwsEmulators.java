package com.ticketwarehouse.emulators;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS on loopback, for the aws target: moto (S3, Glue and the other control planes, with the Glue
 * calls Trino needs) and the Athena stand-in in front of a Trino whose catalogs are moto's Glue and
 * S3: {@code awsdatacatalog} (Hive; what Athena calls AwsDataCatalog) and {@code iceberg}. One Trino
 * at a time per machine's test run: it takes 2 GB of heap.
 */
public record AwsEmulators(ExternalServer moto, TrinoServer trino, AthenaStandIn athena) implements AutoCloseable {

    /** @param work where logs and Trino's configuration go */
    public static AwsEmulators start(TrinoInstall install, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        ExternalServer moto = MotoProcess.start(work.resolve("moto.log"));
        TrinoServer trino = null;
        try {
            trino = TrinoServer.start(install, work.resolve("trino"), catalogs(moto.url()));
            S3Client s3 = S3Client.builder().endpointOverride(URI.create(moto.url())).region(Region.of(MotoProcess.REGION))
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(MotoProcess.ACCESS_KEY, MotoProcess.SECRET_KEY))).build();
            return new AwsEmulators(moto, trino, AthenaStandIn.start(trino, s3));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (trino != null) {
                trino.close();
            }
            moto.close();
            throw e;
        }
    }

    /** Athena's catalog over moto's Glue and S3, and the Iceberg catalog beside it, with the same metastore and files. */
    static Map<String, Map<String, String>> catalogs(String moto) {
        Map<String, String> glueAndS3 = new LinkedHashMap<>();
        glueAndS3.put("hive.metastore.glue.region", MotoProcess.REGION);
        glueAndS3.put("hive.metastore.glue.endpoint-url", moto);
        glueAndS3.put("hive.metastore.glue.aws-access-key", MotoProcess.ACCESS_KEY);
        glueAndS3.put("hive.metastore.glue.aws-secret-key", MotoProcess.SECRET_KEY);
        // moto answers every segment of GetPartitions with all the partitions: one segment, or each would be read several times
        glueAndS3.put("hive.metastore.glue.partitions-segments", "1");
        glueAndS3.put("fs.native-s3.enabled", "true");
        glueAndS3.put("s3.endpoint", moto);
        glueAndS3.put("s3.region", MotoProcess.REGION);
        glueAndS3.put("s3.path-style-access", "true");
        glueAndS3.put("s3.aws-access-key", MotoProcess.ACCESS_KEY);
        glueAndS3.put("s3.aws-secret-key", MotoProcess.SECRET_KEY);

        Map<String, String> hive = new LinkedHashMap<>();
        hive.put("connector.name", "hive");
        hive.put("hive.metastore", "glue");
        hive.putAll(glueAndS3);
        // Athena's CTAS writes to the external_location it is given
        hive.put("hive.non-managed-table-writes-enabled", "true");
        // an Iceberg table of the Glue database is read, merged into and dropped through Athena's catalog too
        hive.put("hive.iceberg-catalog-name", AthenaStatements.ICEBERG);
        Map<String, String> iceberg = new LinkedHashMap<>();
        iceberg.put("connector.name", "iceberg");
        iceberg.put("iceberg.catalog.type", "glue");
        iceberg.putAll(glueAndS3);
        // and the other way: an Iceberg CTAS reads the Hive tables of the same database by their names
        iceberg.put("iceberg.hive-catalog-name", AthenaStatements.HIVE);
        // Athena's VACUUM: the retention is the table's own (Trino's floors are 7 days), kept among its extra properties
        iceberg.put("iceberg.expire-snapshots.min-retention", "0s");
        iceberg.put("iceberg.remove-orphan-files.min-retention", "0s");
        iceberg.put("iceberg.allowed-extra-properties", "vacuum_max_snapshot_age_seconds,vacuum_min_snapshots_to_keep,vacuum_max_metadata_files_to_keep");
        return Map.of(AthenaStatements.HIVE, hive, AthenaStatements.ICEBERG, iceberg);
    }

    public String motoEndpoint() {
        return moto.url();
    }

    public String athenaEndpoint() {
        return athena.endpoint();
    }

    /** The variables that point the AWS SDK at these emulators: moto for every service, the stand-in for Athena. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL", motoEndpoint());
        environment.put("AWS_ENDPOINT_URL_ATHENA", athenaEndpoint());
        environment.put("AWS_REGION", MotoProcess.REGION);
        environment.put("AWS_ACCESS_KEY_ID", MotoProcess.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", MotoProcess.SECRET_KEY);
        return environment;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            athena.close();
            trino.close();
        } finally {
            moto.close();
        }
    }
}
