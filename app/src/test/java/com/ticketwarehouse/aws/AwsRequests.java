package com.ticketwarehouse.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the AWS requests of this JVM by service and operation, as the SDK sends them (retries
 * included): what the cost model multiplies by the unit prices. Registered for the tests only
 * (software/amazon/awssdk/global/handlers/execution.interceptors), so every client counts, ours and
 * Camel's.
 */
public final class AwsRequests implements ExecutionInterceptor {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        COUNTS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong()).incrementAndGet();
    }

    /** The counts so far, by "Service:Operation". */
    public static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        COUNTS.forEach((operation, n) -> counts.put(operation, n.get()));
        return counts;
    }

    /** What was sent between two readings of {@link #counts}. */
    public static Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> sent = new TreeMap<>();
        counts().forEach((operation, n) -> {
            long delta = n - before.getOrDefault(operation, 0L);
            if (delta > 0) {
                sent.put(operation, delta);
            }
        });
        return sent;
    }
}
