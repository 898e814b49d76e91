package com.ticketwarehouse.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The few files the pages load, from the class path and nowhere else: the page's script and
 * style, and ECharts from its WebJar. Any other name is a 404; no path ever reaches a file system.
 */
public final class Assets {
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> assets;

    public Assets() {
        assets = Map.of(
                "dashboard.js", load("serve/dashboard.js", "text/javascript; charset=utf-8"),
                "dashboard.css", load("serve/dashboard.css", "text/css; charset=utf-8"),
                "echarts.min.js", load("META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js",
                        "text/javascript; charset=utf-8"));
    }

    public byte[] get(String name) {
        return asset(name).bytes();
    }

    public String contentType(String name) {
        return asset(name).contentType();
    }

    private Asset asset(String name) {
        Asset asset = name == null ? null : assets.get(name);
        if (asset == null) {
            throw DashboardRequestException.notFound("not found");
        }
        return asset;
    }

    /** The WebJar's version from its own Maven metadata, so that the pom names it once. */
    static String echartsVersion() {
        Properties pom = new Properties();
        try (InputStream in = resource(ECHARTS_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static Asset load(String resource, String contentType) {
        try (InputStream in = resource(resource)) {
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name + " on the class path");
        }
        return in;
    }
}
