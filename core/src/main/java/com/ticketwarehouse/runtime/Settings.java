package com.ticketwarehouse.runtime;

import org.apache.camel.CamelContext;

/** Reads configuration through Camel's properties component, so placeholders and overrides apply. */
public final class Settings {
    private final CamelContext context;

    public Settings(CamelContext context) {
        this.context = context;
    }

    public String get(String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse(fallback);
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
