package com.ticketwarehouse.routes;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Route tests in the Camel way: the routes from their YAML with the beans they name, as the
 * application makes them (Pipeline), in a context that CamelTestSupport drives (template, mock
 * endpoints, AdviceWith, NotifyBuilder); the APIs are a stub on a free port, the lake a folder.
 */
abstract class RouteTestSupport extends CamelTestSupport {
    ApiStub apis;
    Path lake;
    private Pipeline pipeline;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        apis = new ApiStub();
        lake = Files.createTempDirectory("tw-route-test");
        pipeline = Pipeline.start(settings());
        return pipeline.context();
    }

    /** The settings of the routes under test: small pages, quick retries, the stub for both APIs. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tw.lake.dir", lake.toString());
        settings.put("tw.progress", "false");
        settings.put("ticketsauce.base-url", apis.ticketsauceUrl());
        settings.put("ticketsauce.client-id", "client");
        settings.put("ticketsauce.client-secret", "secret");
        settings.put("ticketsauce.requests-per-second", "0");
        settings.put("ticketsauce.orders-per-page", "2");
        settings.put("stripe.base-url", apis.stripeUrl());
        settings.put("stripe.api-key", "sk_test_route");
        settings.put("stripe.requests-per-second", "0");
        settings.put("stripe.page-size", "2");
        settings.put("tw.http.retries", "3");
        settings.put("tw.http.retry-delay-ms", "5");
        return settings;
    }

    @AfterEach
    void closePipeline() throws IOException {
        pipeline.close();
        apis.close();
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A load of those sources and every time range, through direct:load; its run, whatever its status. */
    LoadRun load(String source, Map<String, Object> more) {
        Map<String, Object> headers = new LinkedHashMap<>(Map.of(Loads.SOURCE, source, Loads.TIME_RANGE, "all"));
        headers.putAll(more);
        return template.requestBodyAndHeaders("direct:load", null, headers, LoadRun.class);
    }

    static long records(LoadRun run, String entity) {
        return run.entities().get(entity).records.get();
    }

    /** A Stripe list page of objects with these ids. */
    static String stripePage(boolean hasMore, String... ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.isEmpty() ? "" : ",").append("{\"id\":\"").append(id).append("\",\"object\":\"charge\",\"created\":1764000000}");
        }
        return "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + hasMore + "}";
    }
}
