package com.ticketwarehouse.aws;

import com.ticketwarehouse.emulators.AwsEmulators;
import com.ticketwarehouse.emulators.MotoProcess;
import com.ticketwarehouse.emulators.TrinoInstall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A moto server (the AWS control planes' emulator) on a free loopback port, with the SDK pointed at
 * it by the standard system properties (aws.endpointUrl, aws.region, credentials), restored on
 * close; {@link #withAthena} also starts the Athena stand-in (a real Trino over moto's Glue and S3)
 * and points the SDK's Athena at it (aws.endpointUrlAthena). Without moto it fails, saying how to
 * install it: a test of the aws target never skips.
 */
public final class MotoServer implements AutoCloseable {
    public static final String REGION = MotoProcess.REGION;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AutoCloseable servers;
    private final String endpoint;
    private final Map<String, String> saved = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(AutoCloseable servers, String endpoint) {
        this.servers = servers;
        this.endpoint = endpoint;
    }

    /** moto alone: its Athena answers what {@link #athenaResults} queued, and runs no SQL. */
    public static MotoServer start() {
        Path log;
        try {
            log = Files.createTempFile("moto-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var moto = MotoProcess.start(log);
        MotoServer server = new MotoServer(moto, moto.url());
        server.pointSdkHere(Map.of());
        return server;
    }

    /**
     * moto with the Athena stand-in: the server and plugins the build's {@code trino} profile unpacked
     * ({@link TrinoInstall#fromBuild()}), its logs and configuration under {@code work}.
     */
    public static MotoServer withAthena(Path work) throws IOException, InterruptedException {
        AwsEmulators emulators = AwsEmulators.start(TrinoInstall.fromBuild(), work);
        MotoServer server = new MotoServer(emulators, emulators.motoEndpoint());
        server.pointSdkHere(Map.of("aws.endpointUrlAthena", emulators.athenaEndpoint()));
        return server;
    }

    private void pointSdkHere(Map<String, String> more) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("aws.endpointUrl", endpoint, "aws.region", REGION,
                "aws.accessKeyId", MotoProcess.ACCESS_KEY, "aws.secretAccessKey", MotoProcess.SECRET_KEY));
        properties.putAll(more);
        properties.forEach((key, value) -> {
            saved.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
    }

    public String endpoint() {
        return endpoint;
    }

    /** Everything moto recorded, by service and resource (GET /moto-api/data.json). */
    public JsonNode data() {
        try {
            return JSON.readTree(get("/moto-api/data.json"));
        } catch (IOException e) {
            throw new IllegalStateException("moto's data.json is not JSON: " + e.getMessage(), e);
        }
    }

    /** Queues the rows the next Athena queries answer with (moto runs no SQL). */
    public void athenaResults(String json) {
        post("/moto-api/static/athena/query-results", json);
    }

    /** How moto moves a model through its states, e.g. glue::crawl, which by default finishes only when its crawls are listed. */
    public void transition(String model, String transitionJson) {
        post("/moto-api/state-manager/set-transition", "{\"model_name\": \"" + model + "\", \"transition\": " + transitionJson + "}");
    }

    public String get(String path) {
        return call(HttpRequest.newBuilder(URI.create(endpoint + path)).GET().build());
    }

    public String post(String path, String json) {
        return call(HttpRequest.newBuilder(URI.create(endpoint + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String call(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // clients of the AWS APIs themselves, to read back what moto holds; built like the app's, by the builder alone
    public S3Client s3() {
        return S3Client.builder().forcePathStyle(true).build();
    }

    public GlueClient glue() {
        return GlueClient.builder().build();
    }

    public AthenaClient athena() {
        return AthenaClient.builder().build();
    }

    public SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().build();
    }

    @Override
    public void close() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        saved.clear();
        try {
            servers.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the emulators did not stop: " + e.getMessage(), e);
        }
    }
}
