package com.ticketwarehouse.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one API needs around each HTTP call of the {@code api-get} route: the request for the
 * cursor's next page, authorization, rate, and the reading of the answer into a page or into the
 * exception that tells the route whether to try again.
 */
public abstract class ApiClient implements Loads.Api {

    private final String api;
    private final RateLimiter limiter;
    private volatile String badSetting;

    protected ApiClient(String api, double requestsPerSecond) {
        this.api = api;
        this.limiter = new RateLimiter(requestsPerSecond);
    }

    @Override
    public String api() {
        return api;
    }

    /** Fails before any request when a setting or the credentials this API needs are bad or missing. */
    @Override
    public void requireSettings() {
        if (badSetting != null) {
            throw new IllegalArgumentException(badSetting);
        }
        requireCredentials();
    }

    /** Makes every load of this API refuse to start, for a bad setting that only its calls read. */
    public void refuseLoads(String badSetting) {
        this.badSetting = badSetting;
    }

    protected abstract void requireCredentials();

    protected abstract void authorize(Message request);

    /** Whether a token must be fetched before the next call. */
    public boolean needsToken() {
        return false;
    }

    /** The token request, for an API whose {@link #needsToken} can be true. */
    public void tokenRequest(Exchange exchange) {
        throw new UnsupportedOperationException(api + " takes no token");
    }

    /** Keeps the token from the answer to {@link #tokenRequest}. */
    public void storeToken(Exchange exchange) {
        throw new UnsupportedOperationException(api + " takes no token");
    }

    public void prepare(Exchange exchange) {
        ListCursor cursor = exchange.getProperty(ExchangeProperties.CURSOR, ListCursor.class);
        Message request = exchange.getMessage();
        request.setBody(null);
        request.setHeader(Exchange.HTTP_METHOD, "GET");
        request.setHeader(Exchange.HTTP_PATH, cursor.path());
        request.setHeader(Exchange.HTTP_QUERY, cursor.query());
        authorize(request);
        beforeRequest(exchange);
    }

    protected void beforeRequest(Exchange exchange) {
        LoadRun run = exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
        if (run != null) {
            // the safe point where Ctrl-C stops a load: nothing is half done between two requests
            run.requireNotInterrupted();
        }
        limiter.acquire();
        if (run != null) {
            run.requireNotInterrupted();
            run.countRequest(api);
        }
    }

    /** The records of the answer just read, each stamped with when it arrived. */
    public static List<byte[]> stamped(Exchange exchange, List<byte[]> records) {
        long fetchedAt = exchange.getProperty(ExchangeProperties.FETCHED_AT, Long.class);
        List<byte[]> stamped = new ArrayList<>(records.size());
        records.forEach(r -> stamped.add(JsonRecords.stamped(r, fetchedAt)));
        return stamped;
    }

    /** Reads the answer: a page on success, otherwise the exception that says what to do. */
    public ApiPage check(Exchange exchange) {
        ListCursor cursor = exchange.getProperty(ExchangeProperties.CURSOR, ListCursor.class);
        exchange.setProperty(ExchangeProperties.FETCHED_AT, System.currentTimeMillis());
        byte[] body = successBody(exchange, cursor.path());
        return cursor.parse(body);
    }

    protected byte[] successBody(Exchange exchange, String path) {
        Message answer = exchange.getMessage();
        answer.removeHeader(Exchange.REDELIVERY_DELAY);
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = answer.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (status == 200) {
            return body;
        }
        String what = api + " answered HTTP " + status + " for " + path;
        if (status == 429) {
            long retryAfter = retryAfterMillis(answer.getHeader("Retry-After", String.class));
            if (retryAfter >= 0) {
                answer.setHeader(Exchange.REDELIVERY_DELAY, retryAfter);
            }
            throw new RetryableApiException(what + " (rate limited)", retryAfter);
        }
        if (status >= 500) {
            throw new RetryableApiException(what + ": " + errorMessage(body), -1);
        }
        if (status == 401) {
            onUnauthorized(exchange, what + ": " + errorMessage(body));
        }
        throw new ApiException(what + ": " + errorMessage(body));
    }

    /** A 401 on a read: the default is that the credentials are wrong, which no retry cures. */
    protected void onUnauthorized(Exchange exchange, String what) {
        throw new ApiException(what);
    }

    static long retryAfterMillis(String retryAfter) {
        if (retryAfter == null) {
            return -1;
        }
        try {
            return Math.max(0, Math.round(Double.parseDouble(retryAfter.trim()) * 1000));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A Stripe key, whole or masked as Stripe's errors show it ({@code sk_test_*****T456}): even its
     * prefix and last four characters are kept out of manifests and messages.
     */
    private static final Pattern STRIPE_KEY = Pattern.compile("\\b[a-z]{2,4}_(test|live)_[A-Za-z0-9*]+");

    /** The error text of a body in either API's error shape, else the start of the body; no key in it. */
    static String errorMessage(byte[] body) {
        return STRIPE_KEY.matcher(errorText(body)).replaceAll("(a key, withheld)");
    }

    private static String errorText(byte[] body) {
        try {
            JsonNode error = JsonRecords.tree(body).path("error");
            if (error.isObject()) {
                return error.path("message").asText(error.toString());
            }
            if (!error.isMissingNode()) {
                String description = JsonRecords.tree(body).path("error_description").asText("");
                return error.asText() + (description.isEmpty() ? "" : " (" + description + ")");
            }
        } catch (RuntimeException notJson) {
            // fall through to the raw text
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return text.isBlank() ? "(empty body)" : text.replaceAll("\\s+", " ");
    }
}
