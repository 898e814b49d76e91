package com.ticketwarehouse.runtime;

import com.ticketwarehouse.aws.AwsSecrets;
import com.ticketwarehouse.settings.Settings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The API credentials. They are never Camel properties: Camel's property resolution logs every
 * value it resolves, unmasked, at debug and trace level; so they are handed to {@link ApiBeans}
 * alone, by the caller or from the environment, else (aws target) from Secrets Manager.
 */
final class ApiCredentials {
    static final String TICKETSAUCE_CLIENT_ID = "ticketsauce.client-id", TICKETSAUCE_CLIENT_SECRET = "ticketsauce.client-secret",
            STRIPE_API_KEY = "stripe.api-key";

    /** The credentials by the name a caller may hand them over under, and the variable that sets them. */
    static final Map<String, String> VARIABLES = Map.of(
            TICKETSAUCE_CLIENT_ID, "TICKETSAUCE_CLIENT_ID",
            TICKETSAUCE_CLIENT_SECRET, "TICKETSAUCE_CLIENT_SECRET",
            STRIPE_API_KEY, "STRIPE_API_KEY");

    /** Where each credential is in the aws target's secrets: the setting naming the secret, and the field. */
    private static final Map<String, List<String>> SECRET_FIELDS = Map.of(
            TICKETSAUCE_CLIENT_ID, List.of("tw.aws.ticketsauce-secret", "client_id"),
            TICKETSAUCE_CLIENT_SECRET, List.of("tw.aws.ticketsauce-secret", "client_secret"),
            STRIPE_API_KEY, List.of("tw.aws.stripe-secret", "api_key"));

    private ApiCredentials() {
    }

    /**
     * The API credentials: those given, else the environment; on the aws target, what is missing
     * comes from the Secrets Manager secrets named by tw.aws.ticketsauce-secret
     * ({client_id, client_secret}) and tw.aws.stripe-secret ({api_key}).
     */
    static Map<String, String> read(Settings settings, Map<String, String> given) {
        Map<String, String> credentials = new LinkedHashMap<>();
        boolean aws = Settings.AWS.equals(settings.get("tw.target", Settings.LOCAL));
        AwsSecrets secrets = null;
        Set<String> unreadable = new HashSet<>();
        try {
            for (String key : List.of(TICKETSAUCE_CLIENT_ID, TICKETSAUCE_CLIENT_SECRET, STRIPE_API_KEY)) {
                String value = given.getOrDefault(key, Objects.requireNonNullElse(System.getenv(VARIABLES.get(key)), "")).trim();
                String secretId = settings.get(SECRET_FIELDS.get(key).get(0), "");
                if (value.isEmpty() && aws && !secretId.isEmpty() && !unreadable.contains(secretId)) {
                    try {
                        secrets = secrets == null ? new AwsSecrets() : secrets;
                        value = secrets.field(secretId, SECRET_FIELDS.get(key).get(1));
                    } catch (RuntimeException e) {
                        // a crawl or a query needs no API credentials: a load says what is missing
                        unreadable.add(secretId);
                        System.err.println("warning: " + key + " is not set and secret " + secretId + " cannot be read: " + rootMessage(e));
                    }
                }
                credentials.put(key, value);
            }
        } finally {
            if (secrets != null) {
                secrets.close();
            }
        }
        return credentials;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root instanceof SdkServiceException s && s instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage() : String.valueOf(root.getMessage());
        // the SDK's messages can run to a list of every provider it tried
        int end = message.indexOf(". ");
        return end > 0 && end < 200 ? message.substring(0, end + 1) : message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
