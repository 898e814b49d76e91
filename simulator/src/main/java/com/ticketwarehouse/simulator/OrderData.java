package com.ticketwarehouse.simulator;

/** Scratch space one order is generated into; reused, never kept. Money in cents. */
final class OrderData {
    static final int MAX_TICKETS = 8;

    int event;
    int index;
    int global;
    int first;
    int last;
    int emailDomain;
    int emailNumber;
    int phone;
    boolean optedIn;
    boolean optedInSms;
    int promo = -1;
    boolean compOrder;
    long paidAt;
    int tickets;
    final int[] type = new int[MAX_TICKETS];
    final int[] tier = new int[MAX_TICKETS];
    final long[] listCents = new long[MAX_TICKETS];
    final long[] priceCents = new long[MAX_TICKETS];
    final boolean[] redeemed = new boolean[MAX_TICKETS];
    final int[] holderFirst = new int[MAX_TICKETS];
    final int[] holderLast = new int[MAX_TICKETS];
    final long[][] fees = new long[MAX_TICKETS][Names.FEE_KEYS.length];
    final long[] orderFees = new long[Names.FEE_KEYS.length];
    long subtotal;
    long feesTotal;
    long total;
    int checkins;
    int compTickets;
    // drawn by the generator; the account's stored flags are authoritative (they can be forced)
    boolean drawnMissingTickets;
    int drawnStripeCategory;
    boolean drawnFailedAttempt;
}
