package com.ticketwarehouse.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Both simulators over one account, with default credentials, serving once {@link #start started}. */
public record Simulators(SimulatedAccount account, FaultPlan faults, TicketsauceSimulator ticketsauce, StripeSimulator stripe)
        implements AutoCloseable {

    public static final String CLIENT_ID = "sim-client";
    public static final String CLIENT_SECRET = "sim-secret";
    public static final String STRIPE_KEY = "sk_test_simulator";

    /** The credentials the simulators accept. */
    public record Credentials(String clientId, String clientSecret, String stripeKey) {
        public static final Credentials DEFAULT = new Credentials(CLIENT_ID, CLIENT_SECRET, STRIPE_KEY);
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
        SimulatedAccount account = new SimulatedAccount(seed, scale, now, shape);
        FaultPlan plan = faults == null ? FaultPlan.none() : faults;
        Simulators s = new Simulators(account, plan,
                new TicketsauceSimulator(account, plan, credentials.clientId(), credentials.clientSecret(), ticketsaucePort),
                new StripeSimulator(account, plan, credentials.stripeKey(), stripePort));
        try {
            s.ticketsauce.start();
            s.stripe.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
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
