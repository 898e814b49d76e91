package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Stripe's published example objects ({@code /stripe/fixtures3.json}), field order kept. */
final class StripeFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode RESOURCES = load();

    private StripeFixtures() {
    }

    private static JsonNode load() {
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/fixtures3.json")) {
            if (in == null) {
                throw new IllegalStateException("/stripe/fixtures3.json is not on the classpath");
            }
            return MAPPER.readTree(in).get("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One resource's example: its object name, field names in order and their example values. */
    record Fixture(String object, String[] names, JsonNode[] values) {
        JsonNode get(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return values[i];
                }
            }
            return null;
        }
    }

    static Fixture of(String resource) {
        JsonNode node = RESOURCES.get(resource);
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("no fixture for " + resource);
        }
        List<String> names = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            values.add(e.getValue());
        }
        return new Fixture(resource, names.toArray(new String[0]), values.toArray(new JsonNode[0]));
    }
}
