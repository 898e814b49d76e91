package com.ticketwarehouse.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * API credentials from AWS Secrets Manager, read with the SDK's client (default chains, so
 * AWS_ENDPOINT_URL is honoured like by the other clients). Not through Camel's {@code aws:}
 * properties function: Camel's property resolution logs every value it resolves at trace level.
 * Values are never logged: errors name only the secret and the field.
 */
public final class AwsSecrets implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final Map<String, JsonNode> read = new HashMap<>();

    public AwsSecrets() {
        this.client = SecretsManagerClient.builder().build();
    }

    /** One field of a JSON secret such as {@code {"client_id": ..., "client_secret": ...}}. */
    public String field(String secretId, String field) {
        JsonNode secret = read.computeIfAbsent(secretId, id -> {
            String text = client.getSecretValue(r -> r.secretId(id)).secretString();
            try {
                return JSON.readTree(text == null ? "" : text);
            } catch (IOException e) {
                throw new IllegalStateException("secret " + id + " is not JSON");
            }
        });
        String value = secret == null ? null : secret.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + secretId + " has no field " + field);
        }
        return value;
    }

    @Override
    public void close() {
        client.close();
    }
}
