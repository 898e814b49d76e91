package com.ticketwarehouse.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ticketsauce: OAuth client credentials for a short-lived bearer token, renewed before it expires
 * when the API says when, and on any 401.
 */
public final class TicketsauceClient extends ApiClient {
    private static final long RENEW_BEFORE_EXPIRY_SECONDS = 30;

    private final String clientId;
    private final String clientSecret;
    private final Clock clock;

    private final AtomicReference<String> token = new AtomicReference<>();
    private volatile Instant renewAt = Instant.MAX;

    public TicketsauceClient(String clientId, String clientSecret, double requestsPerSecond, Clock clock) {
        super("ticketsauce", requestsPerSecond);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    protected void requireCredentials() {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new ApiException("TICKETSAUCE_CLIENT_ID and TICKETSAUCE_CLIENT_SECRET must be set: take them from the "
                    + "API page of your Ticketsauce account (or run './tw demo' to use the simulator)");
        }
    }

    @Override
    public boolean needsToken() {
        return token.get() == null || clock.instant().isAfter(renewAt);
    }

    @Override
    public void tokenRequest(Exchange exchange) {
        Message request = exchange.getMessage();
        request.setHeader(Exchange.HTTP_METHOD, "POST");
        request.setHeader(Exchange.HTTP_PATH, "/oauth/token");
        request.removeHeader(Exchange.HTTP_QUERY);
        request.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        request.setBody("grant_type=client_credentials&client_id=" + form(clientId) + "&client_secret=" + form(clientSecret));
        beforeRequest(exchange);
    }

    @Override
    public void storeToken(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 400 || status == 401 || status == 403) {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            throw new ApiException("Ticketsauce refused the client credentials (HTTP " + status + ": "
                    + errorMessage(body == null ? new byte[0] : body) + "): check TICKETSAUCE_CLIENT_ID and TICKETSAUCE_CLIENT_SECRET");
        }
        JsonNode answer;
        try {
            answer = JsonRecords.tree(successBody(exchange, "/oauth/token"));
        } catch (java.io.UncheckedIOException e) {
            throw new RetryableApiException("malformed answer from Ticketsauce /oauth/token", -1);
        }
        String accessToken = answer.path("access_token").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw new RetryableApiException("Ticketsauce token answer has no access_token", -1);
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        renewAt = expiresIn > 0 ? clock.instant().plusSeconds(Math.max(0, expiresIn - RENEW_BEFORE_EXPIRY_SECONDS)) : Instant.MAX;
        token.set(accessToken);
        exchange.getMessage().setBody(null);
    }

    @Override
    public void prepare(Exchange exchange) {
        exchange.setProperty(ExchangeProperties.TOKEN_USED, token.get());
        super.prepare(exchange);
    }

    @Override
    protected void authorize(Message request) {
        request.setHeader("Authorization", "Bearer " + request.getExchange().getProperty(ExchangeProperties.TOKEN_USED, String.class));
    }

    /** Drops the token this request used, unless another request has renewed it meanwhile. */
    @Override
    protected void onUnauthorized(Exchange exchange, String what) {
        token.compareAndSet(exchange.getProperty(ExchangeProperties.TOKEN_USED, String.class), null);
        throw new RetryableApiException(what + " (token expired; renewing)", 0);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
