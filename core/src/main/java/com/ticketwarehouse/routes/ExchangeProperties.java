package com.ticketwarehouse.routes;

/**
 * Every exchange property through which the YAML routes ({@code routes/*.yaml}) and their beans hand
 * each other what a step made, in one place so that no two parts pick the same name for two
 * things. The YAML spells the same names ({@code ${exchangeProperty.twRun}}): grep a name to find
 * every side of it. Each says what it holds, who sets it and who reads it.
 */
public final class ExchangeProperties {
    /** The load under way ({@code LoadRun}): set by {@code loads.begin}; read by every list and API call, the lake's {@code registerPartitions} and the sync. */
    public static final String RUN = "twRun";
    /**
     * What a sync reads beyond the load's time range ({@code StripeSync}, a {@code LoadRun.Increment}):
     * set by {@code syncs.plan}; noted in the run's manifest, read by the Stripe lists and routes/stripe.yaml, moved on by {@code syncs.advance}.
     */
    public static final String INCREMENT = "twIncrement";
    /** The list's place ({@code ListCursor}): set by the list's {@code start}; the paging loop runs while {@code more()}, the API client asks it for the next page. */
    public static final String CURSOR = "twCursor";
    /** The ids a page named that need requests of their own ({@code List<String>}): set by the list's {@code archive}, split by the template's {@code followUp} route. */
    public static final String FOLLOW_UPS = "twFollowUps";
    /** The event whose orders or check-ins a per-event list reads: set by routes/ticketsauce.yaml's split over the events. */
    public static final String EVENT_ID = "twEventId";
    /** When the answer in the body arrived (epoch milliseconds): set by the API client's {@code check}; the records archived from it carry it. */
    public static final String FETCHED_AT = "twFetchedAt";
    /** The orders list's cursor, kept while the orders it left without tickets are fetched one by one ({@code OrderDetails}). */
    public static final String ORDER_LIST_CURSOR = "twListCursor";
    /** The orders fetched one by one, collected until they are archived together ({@code OrderDetails}). */
    public static final String ORDER_DETAILS = "twOrderDetails";
    /** The OAuth token a Ticketsauce request was sent with, so that a 401 drops that token and no newer one ({@code TicketsauceClient}). */
    public static final String TOKEN_USED = "twTokenUsed";
    /** The run's heartbeat and stop handling ({@code LiveRun}): set by {@code loads.begin}, ended with the run. */
    public static final String LIVE_RUN = "twLiveRun";
    /** The progress shown on standard error ({@code Progress}), when tw.progress is on: set by {@code loads.begin}, closed at the end. */
    public static final String PROGRESS = "twProgress";

    /** What the raw entities held before a transform, for SPICE ({@code SpiceRefreshes}): set by routes/quicksight.yaml's {@code quicksight-tables-as-of}, read by {@code quicksight-ingest} after it. */
    public static final String TABLES_AS_OF = "twTablesAsOf";

    private ExchangeProperties() {
    }
}
