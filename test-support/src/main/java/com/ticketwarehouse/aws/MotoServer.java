package com.ticketwarehouse.aws;

import com.ticketwarehouse.emulators.ExternalServer;
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
 * close. Without moto it fails, saying how to install it: a test of the aws target never skips.
 */
public final class MotoServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    private static final String INSTALL = "moto is needed for the aws target's tests: pip install 'moto[server]'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExternalServer server;
    private final String endpoint;
    private final Map<String, String> saved = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(ExternalServer server) {
        this.server = server;
        this.endpoint = server.url();
    }

    public static MotoServer start() {
        Path log;
        try {
            log = Files.createTempFile("moto-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        MotoServer moto = new MotoServer(ExternalServer.start("moto", INSTALL, Duration.ofSeconds(60), log,
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", "{port}"));
        moto.pointSdkHere();
        return moto;
    }

    private void pointSdkHere() {
        Map<String, String> properties = Map.of("aws.endpointUrl", endpoint, "aws.region", REGION,
                "aws.accessKeyId", "testing", "aws.secretAccessKey", "testing");
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
        server.close();
    }
}
