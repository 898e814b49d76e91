package com.ticketwarehouse.cli;

import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options of the commands that run the embedded simulators. */
public final class SimulatorOptions {
    @Option(names = "--scale", defaultValue = "small",
            description = "small, medium, benchmark, or EVENTSxORDERS_PER_EVENT such as 40x30 (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--seed", defaultValue = "42", description = "the seed the data is generated from (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--faults", defaultValue = "none",
            description = "none, or typical: 429s with Retry-After, 5xx, slow and malformed answers, expiring tokens (default: ${DEFAULT-VALUE})")
    String faults;

    @Option(names = "--shape", defaultValue = "reference",
            description = "reference: every field the API references name, as they type it; or varied: optional fields left out,"
                    + " values in other JSON types, check-ins of unsold tickets, as real accounts send them (default: ${DEFAULT-VALUE})")
    String shape;

    Simulators start() {
        return Simulators.start(seed, Scale.named(scale), faultPlan(), DataShape.named(shape),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);
    }

    FaultPlan faultPlan() {
        return switch (faults) {
            case "none" -> FaultPlan.none();
            case "typical" -> FaultPlan.typical();
            default -> throw new IllegalArgumentException("unknown --faults '" + faults + "': use none or typical");
        };
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
