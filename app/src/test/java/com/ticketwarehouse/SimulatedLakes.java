package com.ticketwarehouse;

import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The simulators (no faults) a test class loads from and a folder for the lakes it makes, started before the
 * class and closed and deleted after it: a static {@code @RegisterExtension} field. With {@link #withCleanLoad()},
 * also a complete load of everything into the lake {@code clean}, crawled and transformed: the tables the class
 * compares its runs with.
 */
public final class SimulatedLakes implements BeforeAllCallback, AfterAllCallback {
    private final long seed;
    private final Scale scale;
    private final Instant now;
    private final boolean cleanLoad;
    private Simulators simulators;
    private Path dir;
    private Map<String, String> cleanTables;

    public SimulatedLakes(long seed, Scale scale, Instant now) {
        this(seed, scale, now, false);
    }

    private SimulatedLakes(long seed, Scale scale, Instant now, boolean cleanLoad) {
        this.seed = seed;
        this.scale = scale;
        this.now = now;
        this.cleanLoad = cleanLoad;
    }

    public SimulatedLakes withCleanLoad() {
        return new SimulatedLakes(seed, scale, now, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        simulators = Simulators.start(seed, scale, FaultPlan.none(), now, 0, 0);
        dir = Files.createTempDirectory("tw-lakes-");
        if (cleanLoad) {
            cleanTables = EndToEndTest.cleanLoadTables(simulators, lake("clean"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            simulators.close();
        } finally {
            EndToEndTest.deleteTree(dir);
        }
    }

    public Simulators simulators() {
        return simulators;
    }

    /** The folder that holds the lakes. */
    public Path dir() {
        return dir;
    }

    /** The lake of this name (a folder not made yet). */
    public Path lake(String name) {
        return dir.resolve(name);
    }

    /** The tables of the clean load. */
    public Map<String, String> cleanTables() {
        return cleanTables;
    }
}
