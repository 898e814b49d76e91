package com.ticketwarehouse.simulated;

import com.ticketwarehouse.simulator.Simulators;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What points the pipeline at the embedded simulators of both APIs: for the commands that run them
 * (demo, simulate), the benchmark and the tests.
 */
public final class SimulatedApis {
    private SimulatedApis() {
    }

    /** The environment that points the pipeline at running simulators, as a user would set it. */
    public static Map<String, String> environment(Simulators simulators) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TICKETSAUCE_BASE_URL", simulators.ticketsauce().baseUrl());
        environment.put("TICKETSAUCE_CLIENT_ID", Simulators.CLIENT_ID);
        environment.put("TICKETSAUCE_CLIENT_SECRET", Simulators.CLIENT_SECRET);
        environment.put("STRIPE_BASE_URL", simulators.stripe().baseUrl());
        environment.put("STRIPE_API_KEY", Simulators.STRIPE_KEY);
        // a simulator on loopback needs no politeness
        environment.put("TICKETSAUCE_REQUESTS_PER_SECOND", "0");
        environment.put("STRIPE_REQUESTS_PER_SECOND", "0");
        return environment;
    }

    /** The same, as settings over the configuration (application.properties names each variable once). */
    public static Map<String, String> settings(Simulators simulators) {
        return settings(environment(simulators));
    }

    /** Settings from such an environment, e.g. the exports a {@code simulate} process printed. */
    public static Map<String, String> settings(Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        environment.forEach((variable, value) -> settings.put(SETTING_OF.get(variable), value));
        return settings;
    }

    private static final Map<String, String> SETTING_OF = Map.of(
            "TICKETSAUCE_BASE_URL", "ticketsauce.base-url",
            "TICKETSAUCE_CLIENT_ID", "ticketsauce.client-id",
            "TICKETSAUCE_CLIENT_SECRET", "ticketsauce.client-secret",
            "STRIPE_BASE_URL", "stripe.base-url",
            "STRIPE_API_KEY", "stripe.api-key",
            "TICKETSAUCE_REQUESTS_PER_SECOND", "ticketsauce.requests-per-second",
            "STRIPE_REQUESTS_PER_SECOND", "stripe.requests-per-second");
}
