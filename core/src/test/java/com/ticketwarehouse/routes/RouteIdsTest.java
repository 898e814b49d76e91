package com.ticketwarehouse.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of routes/**: a route, and each instance of a template, has an id that says what it
 * is, so that health checks, logs and tracing name it (Camel would call it route12).
 */
class RouteIdsTest {
    @Test
    void every_route_and_every_templated_route_has_an_id() throws Exception {
        Path routes = Path.of(RouteIdsTest.class.getClassLoader().getResource("routes").toURI());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> files = new ArrayList<>(), unnamed = new ArrayList<>();
        int templated = 0;
        try (Stream<Path> all = Files.walk(routes)) {
            for (Path file : all.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                files.add(routes.relativize(file).toString());
                for (JsonNode element : yaml.readTree(file.toFile())) {
                    templated += element.has("templatedRoute") ? 1 : 0;
                    if (element.has("route") && element.path("route").path("id").asText().isBlank()
                            || element.has("templatedRoute") && element.path("templatedRoute").path("routeId").asText().isBlank()) {
                        unnamed.add(routes.relativize(file) + ": " + element);
                    }
                }
            }
        }
        assertThat(files).contains("load.yaml", "stripe.yaml", "runner/scheduled-jobs.yaml");
        assertThat(templated).as("the instances of the paging and API templates").isGreaterThanOrEqualTo(11);
        assertThat(unnamed).isEmpty();
    }
}
