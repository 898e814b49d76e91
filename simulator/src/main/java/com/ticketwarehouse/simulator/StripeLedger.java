package com.ticketwarehouse.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * All Stripe objects of the account as primitive arrays, indexed by a "natural" index per resource,
 * plus a newest-first index per resource. Built once from the account's orders.
 */
final class StripeLedger {

    // charge kinds
    static final byte CH_TICKET = 0;
    static final byte CH_FAILED = 1;
    static final byte CH_ORPHAN = 2;
    static final byte CH_OTHER = 3;
    // balance transaction kinds
    static final byte TX_CHARGE = 0;
    static final byte TX_REFUND = 1;
    static final byte TX_ADJUSTMENT = 2;
    // dispute statuses
    static final String[] DISPUTE_STATUS = {"needs_response", "won", "lost"};
    static final byte DP_NEEDS_RESPONSE = 0;
    static final byte DP_WON = 1;
    static final byte DP_LOST = 2;
    static final String[] DISPUTE_REASONS = {"fraudulent", "product_not_received", "duplicate", "general"};

    static final long TAG_CH = 101;
    static final long TAG_RE = 102;
    static final long TAG_TXN = 103;
    static final long TAG_PO = 104;
    static final long TAG_DP = 105;
    static final long TAG_PI = 106;
    static final long TAG_PM = 107;
    static final long TAG_STRIPE_ORDER = 108;
    static final long TAG_ORPHAN = 109;
    static final long TAG_OTHER = 110;
    static final long TAG_ORPHAN_ORDER_ID = 111;

    static final int DISPUTE_FEE_CENTS = 1500;
    /** How long a dispute stays open: it is won or lost this long after it was opened. */
    static final long DISPUTE_DECIDED_AFTER = 21 * 86_400L;
    static final long TAG_EV = 112;
    // event kinds: one per creation and per change of an object
    static final byte EV_CHARGE_CREATED = 0;
    static final byte EV_REFUND_CREATED = 1;
    static final byte EV_CHARGE_REFUNDED = 2;
    static final byte EV_DISPUTE_CREATED = 3;
    static final byte EV_CHARGE_DISPUTED = 4;
    static final byte EV_DISPUTE_CLOSED = 5;
    static final byte EV_PAYOUT_CREATED = 6;
    static final long DAY = 86_400L;
    static final long WEEK = 7 * DAY;
    /** 1970-01-05T00:00Z, a Monday: payout weeks run Monday to Monday UTC. */
    static final long WEEK_ANCHOR = 4 * DAY;

    final long seed;
    final long now;

    // charges
    int charges;
    byte[] chKind;
    int[] chRef;          // global order index (ticket, failed), orphan or other-channel number
    long[] chCreated;
    long[] chAmount;
    long[] chRefunded;    // amount_refunded
    int[] chRefund;       // refund natural index or -1
    int[] chDispute;      // dispute natural index or -1
    int[] chTxn;          // balance transaction natural index or -1
    int[] chargeOfOrder;  // global order -> succeeded charge natural index or -1
    int ticketCharges;
    int orphanCharges;
    int otherCharges;
    int failedCharges;
    // refunds
    int refunds;
    int[] reCharge;
    long[] reAmount;
    long[] reCreated;
    int[] reTxn;
    // disputes
    int disputes;
    int[] dpCharge;
    long[] dpCreated;
    byte[] dpStatus;
    byte[] dpReason;
    int[] dpTxn;
    // balance transactions
    int txns;
    byte[] txKind;
    int[] txRef;
    long[] txCreated;
    long[] txAmount;
    long[] txFee;
    // payouts
    int payouts;
    long[] poCreated;
    long[] poAmount;
    long[] poWeekStart;

    final ListIndex chargeIndex;
    final ListIndex refundIndex;
    final ListIndex disputeIndex;
    final ListIndex txnIndex;
    final ListIndex payoutIndex;
    // events (Stripe's /v1/events): what changed, when, and the natural index of the object it names
    int events;
    byte[] evKind;
    int[] evRef;
    long[] evCreated;
    final ListIndex eventIndex;

    StripeLedger(SimulatedAccount a) {
        this.seed = a.seed;
        this.now = a.nowSec;
        int n = a.totalOrders;
        chargeOfOrder = new int[n];
        Arrays.fill(chargeOfOrder, -1);

        // ---- charges of orders (natural order = order order, failed attempt right before its success)
        int cap = n + n / 8 + 16;
        chKind = new byte[cap];
        chRef = new int[cap];
        chCreated = new long[cap];
        chAmount = new long[cap];
        for (int g = 0; g < n; g++) {
            long total = a.totalCents[g];
            int cat = a.stripeCategory[g];
            if (total <= 0 || cat == SimulatedAccount.CAT_NO_CHARGE) {
                continue;
            }
            SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_STRIPE_ORDER, g));
            long amount = total;
            long delta = r.nextInt(4) == 0 ? 100 + r.nextInt(1900) : 1 + r.nextInt(99);
            boolean up = r.nextBoolean();
            if (cat == SimulatedAccount.CAT_MISMATCH) {
                amount = up || total - delta < 100 ? total + delta : total - delta;
            }
            long failedLead = 30 + r.nextInt(900);
            if ((a.orderFlags[g] & SimulatedAccount.FLAG_FAILED_ATTEMPT) != 0) {
                cap = ensureCharges(cap);
                add(CH_FAILED, g, a.paidAt[g] - failedLead, amount);
                failedCharges++;
            }
            cap = ensureCharges(cap);
            chargeOfOrder[g] = add(CH_TICKET, g, a.paidAt[g], amount);
            ticketCharges++;
        }
        // ---- charges whose order id matches no order, and charges of another sales channel
        long first = Math.min(a.earliestPaid, now - 400 * DAY);
        orphanCharges = (int) Math.round(ticketCharges * 0.003);
        if (orphanCharges == 0 && ticketCharges >= 40) {
            orphanCharges = 1;
        }
        otherCharges = (int) Math.round(ticketCharges * 0.08);
        for (int j = 0; j < orphanCharges; j++) {
            SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_ORPHAN, j));
            long created = first + (long) (r.nextDouble() * (now - 60 - first));
            long amount = (20 + r.nextInt(280)) * 100L + r.nextInt(4) * 25L;
            cap = ensureCharges(cap);
            add(CH_ORPHAN, j, created, amount);
        }
        for (int j = 0; j < otherCharges; j++) {
            SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_OTHER, j));
            long created = first + (long) (r.nextDouble() * (now - 60 - first));
            long amount = 500 + r.nextInt(14_500);
            cap = ensureCharges(cap);
            add(CH_OTHER, j, created, amount);
        }
        chRefunded = new long[charges];
        chRefund = new int[charges];
        chDispute = new int[charges];
        chTxn = new int[charges];
        Arrays.fill(chRefund, -1);
        Arrays.fill(chDispute, -1);
        Arrays.fill(chTxn, -1);

        // ---- refunds and disputes: at most one of either per ticket charge, as its order's category says
        int refundCount = 0;
        int disputeCount = 0;
        for (int c = 0; c < charges; c++) {
            int cat = chKind[c] == CH_TICKET ? a.stripeCategory[chRef[c]] : SimulatedAccount.CAT_NO_CHARGE;
            refundCount += cat == SimulatedAccount.CAT_REFUND_FULL || cat == SimulatedAccount.CAT_REFUND_PARTIAL ? 1 : 0;
            disputeCount += cat == SimulatedAccount.CAT_DISPUTE ? 1 : 0;
        }
        reCharge = new int[refundCount];
        reAmount = new long[refundCount];
        reCreated = new long[refundCount];
        dpCharge = new int[disputeCount];
        dpCreated = new long[disputeCount];
        dpStatus = new byte[disputeCount];
        dpReason = new byte[disputeCount];
        for (int c = 0; c < charges; c++) {
            if (chKind[c] != CH_TICKET) {
                continue;
            }
            int g = chRef[c];
            int cat = a.stripeCategory[g];
            SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_STRIPE_ORDER, g, 1));
            if (cat == SimulatedAccount.CAT_REFUND_FULL || cat == SimulatedAccount.CAT_REFUND_PARTIAL) {
                long amount = chAmount[c];
                int pct = 10 + r.nextInt(51);
                if (cat == SimulatedAccount.CAT_REFUND_PARTIAL) {
                    amount = Math.max(1, Math.min(amount - 1, amount * pct / 100));
                }
                long created = later(chCreated[c], 3600 + r.nextInt(30 * 86_400), r.nextLong());
                reCharge[refunds] = c;
                reAmount[refunds] = amount;
                reCreated[refunds] = created;
                chRefund[c] = refunds;
                chRefunded[c] = amount;
                refunds++;
            } else if (cat == SimulatedAccount.CAT_DISPUTE) {
                long created = later(chCreated[c], 3 * DAY + r.nextInt(40 * 86_400), r.nextLong());
                byte status = now - created < DISPUTE_DECIDED_AFTER ? DP_NEEDS_RESPONSE : r.nextBoolean() ? DP_LOST : DP_WON;
                dpCharge[disputes] = c;
                dpCreated[disputes] = created;
                dpStatus[disputes] = status;
                dpReason[disputes] = (byte) r.nextInt(DISPUTE_REASONS.length);
                chDispute[c] = disputes;
                disputes++;
            }
        }
        reTxn = new int[refunds];
        dpTxn = new int[disputes];
        Arrays.fill(dpTxn, -1);

        // ---- balance transactions: succeeded charges, then refunds, then lost disputes
        int lost = 0;
        for (int d = 0; d < disputes; d++) {
            if (dpStatus[d] == DP_LOST) {
                lost++;
            }
        }
        int succeeded = charges - failedCharges;
        txns = succeeded + refunds + lost;
        txKind = new byte[txns];
        txRef = new int[txns];
        txCreated = new long[txns];
        txAmount = new long[txns];
        txFee = new long[txns];
        int t = 0;
        for (int c = 0; c < charges; c++) {
            if (chKind[c] == CH_FAILED) {
                continue;
            }
            txKind[t] = TX_CHARGE;
            txRef[t] = c;
            txCreated[t] = chCreated[c];
            txAmount[t] = chAmount[c];
            txFee[t] = stripeFee(chAmount[c]);
            chTxn[c] = t++;
        }
        for (int r = 0; r < refunds; r++) {
            txKind[t] = TX_REFUND;
            txRef[t] = r;
            txCreated[t] = reCreated[r];
            txAmount[t] = -reAmount[r];
            txFee[t] = 0;
            reTxn[r] = t++;
        }
        for (int d = 0; d < disputes; d++) {
            if (dpStatus[d] != DP_LOST) {
                continue;
            }
            txKind[t] = TX_ADJUSTMENT;
            txRef[t] = d;
            txCreated[t] = dpCreated[d];
            txAmount[t] = -chAmount[dpCharge[d]];
            txFee[t] = DISPUTE_FEE_CENTS;
            dpTxn[d] = t++;
        }

        // ---- payouts: one per finished week with a positive net
        long minWeek = Long.MAX_VALUE;
        long maxWeek = Long.MIN_VALUE;
        for (int i = 0; i < txns; i++) {
            long w = Math.floorDiv(txCreated[i] - WEEK_ANCHOR, WEEK);
            minWeek = Math.min(minWeek, w);
            maxWeek = Math.max(maxWeek, w);
        }
        if (txns > 0) {
            long[] net = new long[(int) (maxWeek - minWeek + 1)];
            for (int i = 0; i < txns; i++) {
                net[(int) (Math.floorDiv(txCreated[i] - WEEK_ANCHOR, WEEK) - minWeek)] += txAmount[i] - txFee[i];
            }
            poCreated = new long[net.length];
            poAmount = new long[net.length];
            poWeekStart = new long[net.length];
            for (int w = 0; w < net.length; w++) {
                long start = WEEK_ANCHOR + (minWeek + w) * WEEK;
                long end = start + WEEK;
                if (end <= now && net[w] > 0) {
                    poCreated[payouts] = end;
                    poAmount[payouts] = net[w];
                    poWeekStart[payouts] = start;
                    payouts++;
                }
            }
        } else {
            poCreated = new long[0];
            poAmount = new long[0];
            poWeekStart = new long[0];
        }

        chargeIndex = new ListIndex(chCreated, charges, seed, TAG_CH);
        refundIndex = new ListIndex(reCreated, refunds, seed, TAG_RE);
        disputeIndex = new ListIndex(dpCreated, disputes, seed, TAG_DP);
        txnIndex = new ListIndex(txCreated, txns, seed, TAG_TXN);
        payoutIndex = new ListIndex(poCreated, payouts, seed, TAG_PO);
        buildEvents();
        eventIndex = new ListIndex(evCreated, events, seed, TAG_EV);
    }

    /**
     * The events feed, consistent with the objects: a creation event for each charge, refund,
     * dispute and payout, and a change event for each charge refunded or disputed and each dispute
     * decided. Balance transactions have none, as on Stripe.
     */
    private void buildEvents() {
        int decided = 0;
        for (int d = 0; d < disputes; d++) {
            decided += dpStatus[d] != DP_NEEDS_RESPONSE ? 1 : 0;
        }
        int n = charges + 2 * refunds + 2 * disputes + decided + payouts;
        evKind = new byte[n];
        evRef = new int[n];
        evCreated = new long[n];
        for (int c = 0; c < charges; c++) {
            event(EV_CHARGE_CREATED, c, chCreated[c]);
        }
        for (int r = 0; r < refunds; r++) {
            event(EV_REFUND_CREATED, r, reCreated[r]);
            event(EV_CHARGE_REFUNDED, r, reCreated[r]);
        }
        for (int d = 0; d < disputes; d++) {
            event(EV_DISPUTE_CREATED, d, dpCreated[d]);
            event(EV_CHARGE_DISPUTED, d, dpCreated[d]);
            if (dpStatus[d] != DP_NEEDS_RESPONSE) {
                event(EV_DISPUTE_CLOSED, d, dpCreated[d] + DISPUTE_DECIDED_AFTER);
            }
        }
        for (int p = 0; p < payouts; p++) {
            event(EV_PAYOUT_CREATED, p, poCreated[p]);
        }
    }

    private void event(byte kind, int ref, long created) {
        evKind[events] = kind;
        evRef[events] = ref;
        evCreated[events] = created;
        events++;
    }

    /** A dispute's status at a moment: open until it is decided. */
    byte disputeStatus(int d, long at) {
        return at - dpCreated[d] < DISPUTE_DECIDED_AFTER ? DP_NEEDS_RESPONSE : dpStatus[d];
    }

    String eventId(int e) {
        return Ids.stripeId("evt_", eventIndex.keys[e]);
    }

    /** {@code from + delay}, or when that would be after now, a deterministic moment between the two. */
    private long later(long from, long delay, long salt) {
        long room = now - from;
        if (delay <= room) {
            return from + delay;
        }
        return room <= 0 ? from : from + Long.remainderUnsigned(salt, room + 1);
    }

    static long stripeFee(long amount) {
        return Money.percent(amount, 290) + 30;
    }

    private int ensureCharges(int cap) {
        if (charges < cap) {
            return cap;
        }
        int len = cap * 2;
        chKind = Arrays.copyOf(chKind, len);
        chRef = Arrays.copyOf(chRef, len);
        chCreated = Arrays.copyOf(chCreated, len);
        chAmount = Arrays.copyOf(chAmount, len);
        return len;
    }

    private int add(byte kind, int ref, long created, long amount) {
        int c = charges++;
        chKind[c] = kind;
        chRef[c] = ref;
        chCreated[c] = created;
        chAmount[c] = amount;
        return c;
    }

    boolean succeeded(int c) {
        return chKind[c] != CH_FAILED;
    }

    String chargeId(int c) {
        return Ids.stripeId("ch_", chargeIndex.keys[c]);
    }

    String refundId(int r) {
        return Ids.stripeId("re_", refundIndex.keys[r]);
    }

    String disputeId(int d) {
        return Ids.stripeId("dp_", disputeIndex.keys[d]);
    }

    String txnId(int t) {
        return Ids.stripeId("txn_", txnIndex.keys[t]);
    }

    String payoutId(int p) {
        return Ids.stripeId("po_", payoutIndex.keys[p]);
    }

    /** The payment intent of a charge: shared by an order's failed attempt and its success. */
    String paymentIntentId(int c, int totalOrders) {
        int ref = switch (chKind[c]) {
            case CH_TICKET, CH_FAILED -> chRef[c];
            case CH_ORPHAN -> totalOrders + chRef[c];
            default -> totalOrders + orphanCharges + chRef[c];
        };
        return Ids.stripeId("pi_", Ids.stripeKey(seed, TAG_PI, ref));
    }

    String paymentMethodId(int c) {
        return Ids.stripeId("pm_", Ids.stripeKey(seed, TAG_PM, c));
    }

    /** Newest-first order of one resource: by created descending, ties by id descending. */
    static final class ListIndex {
        final int size;
        final long[] keys;     // natural -> id key (unsigned order = id order)
        final int[] order;     // position -> natural
        final int[] pos;       // natural -> position
        final long[] created;  // position -> created

        ListIndex(long[] createdByNatural, int n, long seed, long tag) {
            if (n > Ids.MAX_INDEX) {
                throw new IllegalStateException("too many objects for one list: " + n);
            }
            size = n;
            keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = Ids.stripeKey(seed, tag, i);
            }
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = (createdByNatural[i] << 24) | i;
            }
            Arrays.sort(packed);
            order = new int[n];
            created = new long[n];
            pos = new int[n];
            int p = 0;
            int i = n - 1;
            while (i >= 0) {
                long c = packed[i] >>> 24;
                int j = i;
                while (j - 1 >= 0 && (packed[j - 1] >>> 24) == c) {
                    j--;
                }
                int start = p;
                for (int k = i; k >= j; k--) {
                    order[p] = (int) (packed[k] & 0xFFFFFF);
                    created[p] = c;
                    p++;
                }
                // ties: by id descending (insertion sort, runs are tiny)
                for (int a = start + 1; a < p; a++) {
                    int v = order[a];
                    int b = a - 1;
                    while (b >= start && Long.compareUnsigned(keys[order[b]], keys[v]) < 0) {
                        order[b + 1] = order[b];
                        b--;
                    }
                    order[b + 1] = v;
                }
                i = j - 1;
            }
            for (int q = 0; q < n; q++) {
                pos[order[q]] = q;
            }
        }

        /** First position whose created is <= t (created descends with position). */
        int firstAtOrBefore(long t) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (created[mid] <= t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /** The natural index of a Stripe id with this prefix, or -1 when no such object exists. */
        int find(String prefix, String id) {
            Long key = Ids.stripeIdKey(prefix, id);
            if (key == null) {
                return -1;
            }
            int natural = Ids.stripeKeyIndex(key);
            if (natural < 0 || natural >= size || keys[natural] != key
                    || !Ids.stripeId(prefix, key).equals(id)) {
                return -1;
            }
            return natural;
        }
    }
}
