package com.ticketwarehouse.settings;

import org.apache.camel.CamelContext;

import java.util.Optional;

/** Reads configuration through Camel's properties component, so placeholders and overrides apply. */
public final class Settings {
    /** The targets (tw.target): a folder and DuckDB, or S3, Glue and Athena. */
    public static final String LOCAL = "local", AWS = "aws";

    private final CamelContext context;

    public Settings(CamelContext context) {
        this.context = context;
    }

    public String get(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    /** The value, empty where the key is not set (a setting of another target). */
    public Optional<String> optional(String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim);
    }

    public double number(String key) {
        String value = get(key, null);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("setting " + key + " is missing: set it in application.properties");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " = '" + value + "' is not a number");
        }
    }
}
