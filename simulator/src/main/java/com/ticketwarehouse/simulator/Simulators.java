package com.ticketwarehouse.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Both simulators over one account, with default credentials. */
public final class Simulators implements AutoCloseable {

    public static final String CLIENT_ID = "sim-client";
    public static final String CLIENT_SECRET = "sim-secret";
    public static final String STRIPE_KEY = "sk_test_simulator";

    private final SimulatedAccount account;
    private final FaultPlan faults;
    private final TicketsauceSimulator ticketsauce;
    private final StripeSimulator stripe;

    /** The credentials the simulators accept. */
    public record Credentials(String clientId, String clientSecret, String stripeKey) {
        public static final Credentials DEFAULT = new Credentials(CLIENT_ID, CLIENT_SECRET, STRIPE_KEY);
    }

    private Simulators(SimulatedAccount account, FaultPlan faults, int ticketsaucePort, int stripePort, Credentials credentials) {
        this.account = account;
        this.faults = faults == null ? FaultPlan.none() : faults;
        this.ticketsauce = new TicketsauceSimulator(account, this.faults, credentials.clientId(), credentials.clientSecret(), ticketsaucePort);
        this.stripe = new StripeSimulator(account, this.faults, credentials.stripeKey(), stripePort);
    }

    /** Ephemeral ports; now = the current time truncated to seconds. */
    public static Simulators start(long seed, Scale scale, FaultPlan faults) {
        return start(seed, scale, faults, Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);
    }

    public static Simulators start(long seed, Scale scale, FaultPlan faults, Instant now, int ticketsaucePort,
            int stripePort) {
        return start(seed, scale, faults, DataShape.reference(), now, ticketsaucePort, stripePort);
    }

    public static Simulators start(long seed, Scale scale, FaultPlan faults, DataShape shape, Instant now,
            int ticketsaucePort, int stripePort) {
        return start(seed, scale, faults, shape, now, ticketsaucePort, stripePort, Credentials.DEFAULT);
    }

    public static Simulators start(long seed, Scale scale, FaultPlan faults, DataShape shape, Instant now,
            int ticketsaucePort, int stripePort, Credentials credentials) {
        Simulators s = new Simulators(new SimulatedAccount(seed, scale, now, shape), faults, ticketsaucePort, stripePort, credentials);
        try {
            s.ticketsauce.start();
            s.stripe.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public TicketsauceSimulator ticketsauce() {
        return ticketsauce;
    }

    public StripeSimulator stripe() {
        return stripe;
    }

    public FaultPlan faults() {
        return faults;
    }

    public SimulatedAccount account() {
        return account;
    }

    public GroundTruth groundTruth() {
        return account.groundTruth();
    }

    public long minimumRequests() {
        return account.minimumRequests();
    }

    @Override
    public void close() {
        ticketsauce.close();
        stripe.close();
    }
}
