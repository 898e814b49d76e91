package com.ticketwarehouse.cli;

import com.ticketwarehouse.emulators.AwsEmulators;
import com.ticketwarehouse.emulators.MotoProcess;
import com.ticketwarehouse.emulators.TrinoInstall;
import com.ticketwarehouse.lake.AthenaLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "emulate", description = "Run AWS on loopback for the aws target until interrupted: moto (S3, Glue and the rest) and "
        + "Athena's API over a real Trino 476 (downloaded once, about 800 MB), holding what a deployed stack holds; print the "
        + "export lines that point --target aws at them.")
final class EmulateCommand implements Callable<Integer> {
    /** The environment the emulated stack is, as ENV names it for the aws target's settings. */
    static final String DEFAULT_ENV = "dev";
    static final String CRAWLER_ROLE = "arn:aws:iam::123456789012:role/ticket-warehouse-emulated-crawler";

    @Option(names = "--bucket", defaultValue = "ticket-warehouse-emulated", description = "the lake's bucket (default: ${DEFAULT-VALUE})")
    String bucket;

    @Option(names = "--cutoff-bytes", defaultValue = "1073741824",
            description = "the workgroup's BytesScannedCutoffPerQuery, as the development stack's (default: ${DEFAULT-VALUE}; 0: none)")
    long cutoffBytes;

    @Option(names = "--trino-cache", description = "where Trino is kept once downloaded (default: $XDG_CACHE_HOME or ~/.cache, "
            + "then ticket-warehouse/trino-" + TrinoInstall.VERSION + ")")
    Path trinoCache;

    @Override
    public Integer call() throws Exception {
        MotoProcess.requireInstalled();
        TrinoInstall install = TrinoInstall.cached(trinoCache == null ? defaultCache() : trinoCache, System.err);
        Path work = Files.createTempDirectory("tw-emulate-");
        System.err.println("Starting moto and Trino (logs in " + work + "), about a minute...");
        AwsEmulators aws = AwsEmulators.start(install, work);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                aws.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        Map<String, String> environment = new LinkedHashMap<>(aws.environment());
        String env = System.getenv().getOrDefault("ENV", DEFAULT_ENV);
        environment.put("ENV", env);
        environment.put("BUCKET_NAME", bucket);
        environment.put("TW_S3_PATH_STYLE", "true");
        // the workgroup and crawler role a deployed stack names (infra's ApplicationStack)
        environment.put("TW_ATHENA_WORKGROUP", "ticket-warehouse-" + env);
        environment.put("TW_CRAWLER_ROLE", CRAWLER_ROLE);
        provision(aws, environment);

        System.out.println("moto (S3, Glue, ...):  " + aws.motoEndpoint());
        System.out.println("Athena on Trino " + TrinoInstall.VERSION + ":  " + aws.athenaEndpoint());
        System.out.println("Holding bucket " + bucket + ", the Glue database and raw tables, and workgroup " + environment.get("TW_ATHENA_WORKGROUP")
                + (cutoffBytes > 0 ? " (at most " + cutoffBytes + " bytes scanned per query)" : ""));
        System.out.println("To use them, in another shell (with the export lines of ./tw simulate, or your API credentials):");
        environment.forEach((variable, value) -> System.out.println("  export " + variable + "=" + value));
        System.out.println("  ./tw load --target aws && ./tw transform --target aws && ./tw query --target aws \"SELECT * FROM event_settlement\"");
        System.out.println("Press Ctrl-C to stop (everything they hold is gone then).");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The aws target's settings for the emulated stack; it loads nothing, so no API credentials are looked for. */
    Map<String, String> provisioning(Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tw.target", Settings.AWS);
        settings.put("tw.aws.env", environment.get("ENV"));
        settings.put("tw.aws.bucket", bucket);
        settings.put("tw.aws.s3-path-style", "true");
        settings.put("tw.aws.athena-workgroup", environment.get("TW_ATHENA_WORKGROUP"));
        for (String credential : List.of("ticketsauce.client-id", "ticketsauce.client-secret", "stripe.api-key")) {
            settings.put(credential, "not-used-to-provision");
        }
        return settings;
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ticket-warehouse").resolve("trino-" + TrinoInstall.VERSION);
    }

    /**
     * What a deployed stack holds, made through the AWS APIs by the product's own code where it has it: the bucket, the
     * Glue database and raw tables (as the load makes them), the workgroup with its output location enforced and its
     * cutoff; and moto's crawls finishing at once.
     */
    void provision(AwsEmulators aws, Map<String, String> environment) throws Exception {
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, String> sdk = Map.of("aws.endpointUrl", aws.motoEndpoint(), "aws.endpointUrlAthena", aws.athenaEndpoint(),
                "aws.region", environment.get("AWS_REGION"), "aws.accessKeyId", environment.get("AWS_ACCESS_KEY_ID"),
                "aws.secretAccessKey", environment.get("AWS_SECRET_ACCESS_KEY"));
        sdk.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build();
             AthenaClient athena = AthenaClient.builder().build();
             Pipeline pipeline = Pipeline.start(provisioning(environment))) {
            s3.createBucket(r -> r.bucket(bucket));
            AthenaLake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", AthenaLake.class);
            lake.ensureRawTables();
            AthenaLake.Settings settings = lake.settings();
            athena.createWorkGroup(r -> r.name(settings.workGroup()).configuration(c -> c.enforceWorkGroupConfiguration(true)
                    .bytesScannedCutoffPerQuery(cutoffBytes > 0 ? cutoffBytes : null)
                    .resultConfiguration(o -> o.outputLocation(settings.outputLocation()))));
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
        HttpResponse<String> crawls = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(aws.motoEndpoint()
                        + "/moto-api/state-manager/set-transition")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model_name\": \"glue::crawl\", \"transition\": {\"progression\": \"immediate\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (crawls.statusCode() >= 300) {
            throw new IllegalStateException("moto did not take the crawls' transition: " + crawls.body());
        }
    }
}
