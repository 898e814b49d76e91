package com.ticketwarehouse.extract;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off the HTTP client's own retries (of 429, 503 and I/O errors), so that every retry is the
 * route's: counted, backed off with jitter, and bounded by one setting.
 */
public final class NoAutomaticRetries implements HttpClientConfigurer {
    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
