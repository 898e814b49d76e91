package com.ticketwarehouse.cli;

import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
}
