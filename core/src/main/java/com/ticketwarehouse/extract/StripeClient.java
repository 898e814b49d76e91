package com.ticketwarehouse.extract;

import org.apache.camel.Message;

/** Stripe: the secret key as a bearer token, and a pinned API version so that shapes do not drift. */
public final class StripeClient extends ApiClient {
    private final String apiKey;
    private final String apiVersion;

    public StripeClient(String apiKey, String apiVersion, double requestsPerSecond) {
        super("stripe", requestsPerSecond);
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
    }

    @Override
    protected void requireCredentials() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ApiException("STRIPE_API_KEY must be set: use a restricted read-only key from the Stripe dashboard "
                    + "(or run './tw demo' to use the simulator)");
        }
    }

    @Override
    protected void authorize(Message request) {
        request.setHeader("Authorization", "Bearer " + apiKey);
        if (apiVersion != null && !apiVersion.isBlank()) {
            request.setHeader("Stripe-Version", apiVersion);
        }
    }
}
