package com.ticketwarehouse.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The routes every command loads (application.properties' camel.main.routes-include-pattern), plus
 * the folders of routes that only one mode needs, such as the dashboard server's: a setting over
 * the configuration that this mode alone sets.
 */
public final class RouteFolders {
    static final String SETTING = "camel.main.routes-include-pattern";

    private RouteFolders() {
    }

    /** @param patterns class path patterns such as {@code classpath:routes/serve/*.yaml} */
    public static Map<String, String> including(String... patterns) {
        Properties properties = new Properties();
        try (InputStream in = RouteFolders.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(SETTING, properties.getProperty(SETTING).trim() + "," + String.join(",", patterns));
    }
}
