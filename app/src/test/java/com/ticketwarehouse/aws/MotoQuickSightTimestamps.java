package com.ticketwarehouse.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto writes QuickSight's timestamps as Python prints them ("2026-11-29 18:13:00.123456"), which
 * the SDK cannot read; this turns them into the epoch seconds QuickSight itself sends. Registered
 * for the tests only (software/amazon/awssdk/global/handlers/execution.interceptors), and only
 * QuickSight's answers are touched.
 */
public final class MotoQuickSightTimestamps implements ExecutionInterceptor {
    private static final Pattern PYTHON_TIME = Pattern.compile("\"(\\w*Time)\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)[^\"]*\"");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!"QuickSight".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)) || context.responseBody().isEmpty()) {
            return context.responseBody();
        }
        try (InputStream in = context.responseBody().get()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher time = PYTHON_TIME.matcher(body);
            StringBuilder fixed = new StringBuilder();
            while (time.find()) {
                LocalDateTime at = LocalDateTime.parse(time.group(2).replace(' ', 'T'));
                time.appendReplacement(fixed, "\"" + time.group(1) + "\": " + at.toEpochSecond(ZoneOffset.UTC));
            }
            time.appendTail(fixed);
            return Optional.of(new ByteArrayInputStream(fixed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
