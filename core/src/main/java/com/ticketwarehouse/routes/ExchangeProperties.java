package com.ticketwarehouse.routes;

/**
 * The exchange properties through which the YAML routes ({@code routes/*.yaml}) and their beans
 * hand each other what a step made. The YAML spells the same names ({@code ${exchangeProperty.twRun}}),
 * so grepping a name finds every side of it.
 */
public final class ExchangeProperties {
    /** The load under way ({@code LoadRun}): set by {@code loads.begin}, read by every list, the lake and the sync. */
    public static final String RUN = "twRun";
    /**
     * What a sync reads beyond the load's time range ({@code StripeSync}, a {@code LoadRun.Increment}):
     * set by {@code syncs.plan}, noted in the run's manifest, moved on by {@code syncs.advance}.
     */
    public static final String INCREMENT = "twIncrement";

    private ExchangeProperties() {
    }
}
