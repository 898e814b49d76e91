package com.ticketwarehouse.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated Ticketsauce account and the Stripe account its payments go to. Everything derives from
 * (seed, scale, now). Events, venues and ticket types are kept as objects (a few thousand at most);
 * orders are kept only as a few primitive arrays and regenerated from their own random stream on demand.
 */
public final class SimulatedAccount {

    static final long TAG_VENUE = 1;
    static final long TAG_EVENT = 2;
    static final long TAG_EVENT_ID = 3;
    static final long TAG_ORDER = 4;
    static final long TAG_ORDER_ID = 5;
    static final long TAG_TICKET_ID = 6;
    static final long TAG_TYPE_ID = 7;
    static final long TAG_PRICE_ID = 8;
    static final long TAG_ORG_ID = 9;
    static final long TAG_FIXUP = 10;

    static final byte CAT_MATCHED = 0;
    static final byte CAT_NO_CHARGE = 1;
    static final byte CAT_MISMATCH = 2;
    static final byte CAT_REFUND_FULL = 3;
    static final byte CAT_REFUND_PARTIAL = 4;
    static final byte CAT_DISPUTE = 5;

    static final byte FLAG_MISSING_TICKETS = 1;
    static final byte FLAG_FAILED_ATTEMPT = 2;

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int[] TICKETS_CUMULATIVE = {15, 50, 65, 80, 87, 93, 97, 100};

    final long seed;
    final Scale scale;
    final Instant now;
    final long nowSec;
    final String partnerId;
    final Venue[] venues;
    final SimEvent[] events;
    private final Map<String, Integer> eventById = new HashMap<>();
    final int[] orderStart;
    final int totalOrders;
    final long[] paidAt;
    final int[] totalCents;
    final byte[] ticketCount;
    final byte[] orderFlags;
    final byte[] stripeCategory;
    final int[] checkinPrefix;
    final long earliestPaid;
    final StripeLedger stripe;
    final DataShape shape;
    private final GroundTruth groundTruth;

    public SimulatedAccount(long seed, Scale scale, Instant now) {
        this(seed, scale, now, DataShape.reference());
    }

    public SimulatedAccount(long seed, Scale scale, Instant now, DataShape shape) {
        this.seed = seed;
        this.shape = shape;
        this.scale = scale;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.nowSec = this.now.getEpochSecond();
        this.partnerId = Ids.uuid(seed, TAG_ORG_ID, -1, 0);
        this.venues = makeVenues();
        this.events = makeEvents();
        for (SimEvent e : events) {
            eventById.put(e.id, e.index);
        }
        orderStart = new int[events.length + 1];
        for (int e = 0; e < events.length; e++) {
            orderStart[e + 1] = orderStart[e] + events[e].orders;
        }
        totalOrders = orderStart[events.length];
        if (totalOrders > Ids.MAX_INDEX) {
            throw new IllegalArgumentException("too many orders: " + totalOrders);
        }
        paidAt = new long[totalOrders];
        totalCents = new int[totalOrders];
        ticketCount = new byte[totalOrders];
        orderFlags = new byte[totalOrders];
        stripeCategory = new byte[totalOrders];
        checkinPrefix = new int[totalOrders + 1];

        // one pass over every order: keep what the indexes need, sum what the ground truth needs
        OrderData d = new OrderData();
        long tickets = 0;
        long comps = 0;
        long face = 0;
        long paid = 0;
        long[] fees = new long[Names.FEE_KEYS.length];
        long earliest = nowSec;
        for (int e = 0; e < events.length; e++) {
            for (int o = 0; o < events[e].orders; o++) {
                generateOrder(e, o, d);
                int g = d.global;
                paidAt[g] = d.paidAt;
                totalCents[g] = Math.toIntExact(d.total);
                ticketCount[g] = (byte) d.tickets;
                byte flags = 0;
                if (d.drawnMissingTickets) {
                    flags |= FLAG_MISSING_TICKETS;
                }
                if (d.drawnFailedAttempt) {
                    flags |= FLAG_FAILED_ATTEMPT;
                }
                orderFlags[g] = flags;
                stripeCategory[g] = (byte) d.drawnStripeCategory;
                checkinPrefix[g + 1] = checkinPrefix[g] + d.checkins;
                tickets += d.tickets;
                comps += d.compTickets;
                face += d.subtotal;
                paid += d.total;
                for (int k = 0; k < fees.length; k++) {
                    fees[k] += d.orderFees[k];
                }
                earliest = Math.min(earliest, d.paidAt);
            }
        }
        earliestPaid = earliest;
        forceMessyCases();
        stripe = new StripeLedger(this);
        groundTruth = computeGroundTruth(tickets, comps, face, paid, fees);
    }

    // ---- public read-only view ---------------------------------------------------------------------

    public long seed() {
        return seed;
    }

    public Scale scale() {
        return scale;
    }

    public Instant now() {
        return now;
    }

    public int eventCount() {
        return events.length;
    }

    public int orderCount() {
        return totalOrders;
    }

    /** Totals over the whole account, from the generator's own decisions. */
    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /**
     * The fewest requests a client needs to fetch everything (time range "all"), with pages of 100
     * orders, 5000 check-in ids and 100 Stripe objects. A full last page needs one more request to see
     * that nothing follows (Ticketsauce has no has_more), so an event with n orders needs n/100+1 pages.
     */
    public long minimumRequests() {
        long n = minimumTicketsauceRequests(null, null);
        StripeLedger s = stripe;
        for (int size : new int[] {s.charges, s.refunds, s.txns, s.payouts, s.disputes}) {
            n += Math.max(1, (size + 99) / 100);
        }
        return n;
    }

    /**
     * The fewest Ticketsauce requests that read the events starting in [from, before) (null: no
     * bound) with every order, its tickets and the check-ins: a token, the events, each event's
     * pages of orders and of check-in ids, and the details of the orders the list sends without tickets.
     */
    public long minimumTicketsauceRequests(LocalDate from, LocalDate before) {
        long n = 2;
        for (int e = 0; e < events.length; e++) {
            if (inWindow(e, from, before)) {
                n += events[e].orders / 100 + 1;
                n += (checkins(e) + unsoldCheckins(e)) / 5000 + 1;
                for (int g = orderStart[e]; g < orderStart[e + 1]; g++) {
                    n += (orderFlags[g] & FLAG_MISSING_TICKETS) != 0 ? 1 : 0;
                }
            }
        }
        return n;
    }

    /**
     * What the system this project replaces asked for the same window: the events, each event's
     * pages of orders and of check-in ids, and one order-detail call per order.
     */
    public long oldSystemRequests(LocalDate from, LocalDate before) {
        long n = 2;
        for (int e = 0; e < events.length; e++) {
            if (inWindow(e, from, before)) {
                n += events[e].orders / 100 + 1 + events[e].orders;
                n += (checkins(e) + unsoldCheckins(e)) / 5000 + 1;
            }
        }
        return n;
    }

    /** The events and orders in [from, before). */
    public long[] eventsAndOrders(LocalDate from, LocalDate before) {
        long[] counts = new long[2];
        for (int e = 0; e < events.length; e++) {
            if (inWindow(e, from, before)) {
                counts[0]++;
                counts[1] += events[e].orders;
            }
        }
        return counts;
    }

    private boolean inWindow(int e, LocalDate from, LocalDate before) {
        return (from == null || !events[e].startDate.isBefore(from)) && (before == null || events[e].startDate.isBefore(before));
    }

    // ---- lookups -------------------------------------------------------------------------------------

    int eventIndex(String id) {
        Integer i = eventById.get(id);
        return i == null ? -1 : i;
    }

    String orderId(int global) {
        return Ids.indexedUuid(seed, TAG_ORDER_ID, global);
    }

    /** The global index of an order id, or -1. */
    int orderIndex(String id) {
        int g = Ids.uuidIndex(seed, TAG_ORDER_ID, id);
        if (g < 0 || g >= totalOrders || !orderId(g).equals(id.toLowerCase(java.util.Locale.ROOT))) {
            return -1;
        }
        return g;
    }

    int eventOfOrder(int global) {
        int i = Arrays.binarySearch(orderStart, global);
        if (i >= 0) {
            while (i + 1 < orderStart.length && orderStart[i + 1] == global) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    String ticketId(int global, int t) {
        return Ids.uuid(seed, TAG_TICKET_ID, global, t);
    }

    int checkins(int event) {
        return checkinPrefix[orderStart[event + 1]] - checkinPrefix[orderStart[event]];
    }

    /** Check-in ids of an event that no order holds: a ticket nobody sold (none in the reference shape). */
    int unsoldCheckins(int event) {
        return shape.unsoldCheckins(seed, event, checkins(event) > 0);
    }

    String unsoldTicketId(int event, int k) {
        return Ids.uuid(seed, DataShape.TAG_UNSOLD, event, k);
    }

    public DataShape shape() {
        return shape;
    }

    boolean missingTickets(int global) {
        return (orderFlags[global] & FLAG_MISSING_TICKETS) != 0;
    }

    // ---- generation ----------------------------------------------------------------------------------

    private Venue[] makeVenues() {
        SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_VENUE, 0));
        int n = 5 + r.nextInt(4);
        List<Integer> pick = new ArrayList<>();
        for (int i = 0; i < Names.VENUES.length; i++) {
            pick.add(i);
        }
        Collections.shuffle(pick, new java.util.Random(r.nextLong()));
        Venue[] vs = new Venue[n];
        for (int v = 0; v < n; v++) {
            String[] row = Names.VENUES[pick.get(v)];
            Venue x = new Venue();
            x.index = v;
            x.id = Ids.uuid(seed, TAG_ORG_ID, v, 0);
            x.title = row[0];
            x.hall = row[1];
            x.address = row[2];
            x.city = row[3];
            x.state = row[4];
            x.zip = row[5];
            x.zone = ZoneId.of(row[6]);
            SplittableRandom vr = new SplittableRandom(Ids.hash(seed, TAG_VENUE, v + 1));
            x.bp[Names.TICKETING_FEE] = 250 * vr.nextInt(3);
            x.fixed[Names.TICKETING_FEE] = 100 + 50 * vr.nextInt(5);
            x.fixed[Names.SURCHARGE] = 50 + 50 * vr.nextInt(4);
            x.bp[Names.LET_TAX] = vr.nextBoolean() ? 900 : 1000;
            x.bp[Names.SALES_TAX] = 600 + 25 * vr.nextInt(10);
            x.fixed[Names.VENUE_FEE] = 150 + 50 * vr.nextInt(8);
            x.bp[Names.ADMIN_FEE] = 300 + 100 * vr.nextInt(3);
            x.bp[Names.GRATUITY] = 1500 + 250 * vr.nextInt(3);
            List<Integer> keys = new ArrayList<>();
            if (vr.nextInt(10) < 9) {
                keys.add(Names.TICKETING_FEE);
            }
            if (vr.nextInt(100) < 85) {
                keys.add(Names.LET_TAX);
            }
            int[] others = {Names.SURCHARGE, Names.SALES_TAX, Names.VENUE_FEE, Names.ADMIN_FEE, Names.GRATUITY};
            int extra = 1 + vr.nextInt(2);
            for (int k = 0; k < extra; k++) {
                int key = others[vr.nextInt(others.length)];
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
            x.keys = keys.stream().mapToInt(Integer::intValue).sorted().toArray();
            vs[v] = x;
        }
        // every fee key is used by some venue
        for (int k = 0; k < Names.FEE_KEYS.length; k++) {
            boolean used = false;
            for (Venue x : vs) {
                used |= contains(x.keys, k);
            }
            if (!used) {
                Venue fewest = vs[0];
                for (Venue x : vs) {
                    if (x.keys.length < fewest.keys.length) {
                        fewest = x;
                    }
                }
                int[] nk = Arrays.copyOf(fewest.keys, fewest.keys.length + 1);
                nk[nk.length - 1] = k;
                Arrays.sort(nk);
                fewest.keys = nk;
            }
        }
        // one venue changes its fee keys for events from 150 days ago on
        Venue changing = vs[r.nextInt(n)];
        int[] after;
        if (contains(changing.keys, Names.SURCHARGE) && !contains(changing.keys, Names.ADMIN_FEE)) {
            after = changing.keys.clone();
            after[indexOf(after, Names.SURCHARGE)] = Names.ADMIN_FEE;
        } else if (!contains(changing.keys, Names.VENUE_FEE)) {
            after = Arrays.copyOf(changing.keys, changing.keys.length + 1);
            after[after.length - 1] = Names.VENUE_FEE;
        } else if (!contains(changing.keys, Names.ADMIN_FEE)) {
            after = Arrays.copyOf(changing.keys, changing.keys.length + 1);
            after[after.length - 1] = Names.ADMIN_FEE;
        } else {
            after = Arrays.copyOf(changing.keys, changing.keys.length - 1);
        }
        Arrays.sort(after);
        changing.keysAfter = after;
        changing.changeAt = nowSec - 150 * StripeLedger.DAY;
        return vs;
    }

    private static boolean contains(int[] a, int v) {
        return indexOf(a, v) >= 0;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private SimEvent[] makeEvents() {
        int n = scale.events();
        int forced = Math.min(n, Math.max(2, n / 100));
        int zeroOrders = n >= 4 ? forced : -1;
        SimEvent[] es = new SimEvent[n];
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_EVENT, i));
            SimEvent e = new SimEvent();
            Venue v = venues[r.nextInt(venues.length)];
            e.venue = v;
            e.id = Ids.uuid(seed, TAG_EVENT_ID, i, 0);
            int halfHours = 34 + r.nextInt(10);
            int dayOffset = -365 + r.nextInt(426);
            long soon = 3600 + r.nextLong(47 * 3600L);
            LocalDateTime start;
            if (i < forced) {
                LocalDateTime t = LocalDateTime.ofInstant(now.plusSeconds(soon), v.zone);
                start = t.truncatedTo(ChronoUnit.HOURS).plusMinutes(t.getMinute() < 30 ? 0 : 30);
            } else {
                start = LocalDate.ofInstant(now, v.zone).plusDays(dayOffset).atStartOfDay().plusMinutes(30L * halfHours);
            }
            e.start = start;
            e.startEpoch = start.atZone(v.zone).toEpochSecond();
            e.end = start.plusMinutes(90 + 30L * r.nextInt(5));
            e.created = start.minusDays(30 + r.nextInt(90)).withHour(9 + r.nextInt(8)).withMinute(r.nextInt(60))
                    .withSecond(r.nextInt(60));
            e.name = Names.PERFORMERS[r.nextInt(Names.PERFORMERS.length)] + " "
                    + Names.SHOW_SUFFIX[r.nextInt(Names.SHOW_SUFFIX.length)];
            e.privacy = r.nextInt(20) == 0 ? "private" : "public";
            double mult = 0.3 + 1.4 * r.nextDouble();
            boolean zero = r.nextInt(100) < 3 || i == zeroOrders;
            e.orders = zero ? 0 : (int) Math.round(scale.ordersPerEvent() * mult);
            e.checkinPermille = 700 + r.nextInt(201);
            e.feeKeys = v.keysAfter != null && e.startEpoch >= v.changeAt ? v.keysAfter : v.keys;
            int nTypes = 2 + r.nextInt(3);
            int[] names = new int[Names.TICKET_TYPES.length];
            for (int k = 0; k < names.length; k++) {
                names[k] = k;
            }
            for (int k = names.length - 1; k > 0; k--) {
                int j = r.nextInt(k + 1);
                int tmp = names[k];
                names[k] = names[j];
                names[j] = tmp;
            }
            e.types = new TicketType[nTypes];
            for (int k = 0; k < nTypes; k++) {
                TicketType tt = new TicketType();
                tt.id = Ids.uuid(seed, TAG_TYPE_ID, i, k);
                tt.name = Names.TICKET_TYPES[names[k]];
                int tiers = 1 + r.nextInt(3);
                long base = (30 + r.nextInt(131)) * 50L;
                tt.priceIds = new String[tiers];
                tt.cents = new long[tiers];
                tt.priceStrings = new String[tiers];
                for (int t = 0; t < tiers; t++) {
                    tt.priceIds[t] = Ids.uuid(seed, TAG_PRICE_ID, i, k * 8 + t);
                    tt.cents[t] = base + 500L * t;
                    tt.priceStrings[t] = Money.dec(tt.cents[t]);
                }
                e.types[k] = tt;
            }
            es[i] = e;
        }
        Arrays.sort(es, Comparator.comparingLong((SimEvent x) -> x.startEpoch).thenComparing(x -> x.id));
        for (int i = 0; i < n; i++) {
            SimEvent e = es[i];
            e.index = i;
            e.startText = DATE_TIME.format(e.start);
            e.endText = DATE_TIME.format(e.end);
            e.startDate = e.start.toLocalDate();
        }
        return es;
    }

    /** Generate order {@code o} of event {@code e} into {@code d}; the same inputs always give the same order. */
    void generateOrder(int e, int o, OrderData d) {
        SimEvent ev = events[e];
        SplittableRandom r = new SplittableRandom(Ids.hash(seed, TAG_ORDER, e, o));
        d.event = e;
        d.index = o;
        d.global = orderStart[e] + o;
        d.first = r.nextInt(Names.FIRST.length);
        d.last = r.nextInt(Names.LAST.length);
        d.emailDomain = r.nextInt(Names.EMAIL_DOMAINS.length);
        d.emailNumber = r.nextInt(100);
        d.phone = r.nextInt(10_000_000);
        d.optedIn = r.nextBoolean();
        d.optedInSms = r.nextInt(4) == 0;
        long saleEnd = Math.min(ev.startEpoch - 1800, nowSec - 60);
        double u = r.nextDouble();
        d.paidAt = saleEnd - (long) (60 * StripeLedger.DAY * u * u);
        int pick = r.nextInt(100);
        int n = 1;
        while (pick >= TICKETS_CUMULATIVE[n - 1]) {
            n++;
        }
        d.tickets = n;
        d.promo = r.nextInt(100) < 8 ? r.nextInt(Names.PROMO_CODES.length) : -1;
        d.compOrder = r.nextInt(1000) < 25;
        if (d.compOrder) {
            d.promo = -1;
        }
        int pct = d.promo >= 0 ? Names.PROMO_PERCENT[d.promo] : 0;
        int baseType = r.nextInt(ev.types.length);
        int baseTier = r.nextInt(3);
        boolean past = ev.startEpoch < nowSec;
        Arrays.fill(d.orderFees, 0);
        d.subtotal = 0;
        d.feesTotal = 0;
        d.checkins = 0;
        d.compTickets = 0;
        int[] keys = ev.feeKeys;
        Venue v = ev.venue;
        for (int t = 0; t < n; t++) {
            int type = r.nextInt(4) == 0 ? r.nextInt(ev.types.length) : baseType;
            TicketType tt = ev.types[type];
            int tier = Math.min(baseTier, tt.cents.length - 1);
            boolean comp = r.nextInt(200) == 0 || d.compOrder;
            long list = tt.cents[tier];
            long price = comp ? 0 : pct > 0 ? (list * (100 - pct) + 50) / 100 : list;
            d.type[t] = type;
            d.tier[t] = tier;
            d.listCents[t] = list;
            d.priceCents[t] = price;
            long[] f = d.fees[t];
            Arrays.fill(f, 0);
            if (price > 0) {
                for (int k : keys) {
                    long fee = Money.percent(price, v.bp[k]) + v.fixed[k];
                    f[k] = fee;
                    d.orderFees[k] += fee;
                    d.feesTotal += fee;
                }
            } else {
                d.compTickets++;
            }
            d.subtotal += price;
            int hf = r.nextInt(Names.FIRST.length);
            int hl = r.nextInt(Names.LAST.length);
            boolean buyer = t == 0 || r.nextInt(3) == 0;
            d.holderFirst[t] = buyer ? d.first : hf;
            d.holderLast[t] = buyer ? d.last : hl;
            boolean in = r.nextInt(1000) < ev.checkinPermille;
            d.redeemed[t] = past && in;
            if (d.redeemed[t]) {
                d.checkins++;
            }
        }
        d.total = d.subtotal + d.feesTotal;
        d.drawnMissingTickets = r.nextInt(1000) < 20;
        int x = r.nextInt(10_000);
        d.drawnStripeCategory = x < 150 ? CAT_NO_CHARGE
                : x < 250 ? CAT_MISMATCH
                : x < 400 ? CAT_REFUND_FULL
                : x < 550 ? CAT_REFUND_PARTIAL
                : x < 600 ? CAT_DISPUTE
                : CAT_MATCHED;
        d.drawnFailedAttempt = r.nextInt(100) == 0;
    }

    /** With enough orders, make sure every messy case occurs at least once (small scales). */
    private void forceMessyCases() {
        int paidOrders = 0;
        for (int g = 0; g < totalOrders; g++) {
            if (totalCents[g] > 0) {
                paidOrders++;
            }
        }
        if (paidOrders < 40) {
            return;
        }
        byte[] cats = {CAT_NO_CHARGE, CAT_MISMATCH, CAT_REFUND_FULL, CAT_REFUND_PARTIAL, CAT_DISPUTE};
        for (byte cat : cats) {
            boolean present = false;
            for (int g = 0; g < totalOrders && !present; g++) {
                present = totalCents[g] > 0 && stripeCategory[g] == cat;
            }
            if (!present) {
                int g = findPlain(cat);
                stripeCategory[g] = cat;
            }
        }
        for (byte flag : new byte[] {FLAG_MISSING_TICKETS, FLAG_FAILED_ATTEMPT}) {
            boolean present = false;
            for (int g = 0; g < totalOrders && !present; g++) {
                present = totalCents[g] > 0 && stripeCategory[g] != CAT_NO_CHARGE && (orderFlags[g] & flag) != 0;
            }
            if (!present) {
                int g = findPlain(flag);
                orderFlags[g] |= flag;
            }
        }
    }

    /** A deterministic paid, matched order without flags. */
    private int findPlain(int salt) {
        int start = (int) Long.remainderUnsigned(Ids.hash(seed, TAG_FIXUP, salt), totalOrders);
        for (int i = 0; i < totalOrders; i++) {
            int g = (start + i) % totalOrders;
            if (totalCents[g] > 0 && stripeCategory[g] == CAT_MATCHED && orderFlags[g] == 0) {
                return g;
            }
        }
        return start;
    }

    private GroundTruth computeGroundTruth(long tickets, long comps, long face, long paid, long[] fees) {
        StripeLedger s = stripe;
        long missing = 0;
        for (int g = 0; g < totalOrders; g++) {
            if ((orderFlags[g] & FLAG_MISSING_TICKETS) != 0) {
                missing++;
            }
        }
        Map<String, BigDecimal> feesByKey = new TreeMap<>();
        long feeSum = 0;
        for (int k = 0; k < fees.length; k++) {
            feesByKey.put(Names.snake(Names.FEE_KEYS[k]), Money.big(fees[k]));
            feeSum += fees[k];
        }
        long charged = 0;
        for (int c = 0; c < s.charges; c++) {
            if (s.succeeded(c)) {
                charged += s.chAmount[c];
            }
        }
        long refunded = 0;
        for (int r = 0; r < s.refunds; r++) {
            refunded += s.reAmount[r];
        }
        long disputed = 0;
        for (int d = 0; d < s.disputes; d++) {
            disputed += s.chAmount[s.dpCharge[d]];
        }
        long stripeFees = 0;
        for (int t = 0; t < s.txns; t++) {
            stripeFees += s.txFee[t];
        }
        long payoutAmount = 0;
        for (int p = 0; p < s.payouts; p++) {
            payoutAmount += s.poAmount[p];
        }
        Map<String, Long> rec = new LinkedHashMap<>();
        for (String k : GroundTruth.RECONCILIATION_STATUSES) {
            rec.put(k, 0L);
        }
        for (int g = 0; g < totalOrders; g++) {
            int c = s.chargeOfOrder[g];
            String status;
            if (c < 0) {
                status = totalCents[g] == 0 ? "comp" : "order_without_charge";
            } else if (s.chDispute[c] >= 0) {
                status = "disputed";
            } else if (s.chRefunded[c] > 0) {
                status = "refunded";
            } else if (s.chAmount[c] != totalCents[g]) {
                status = "amount_mismatch";
            } else {
                status = "matched";
            }
            rec.merge(status, 1L, Long::sum);
        }
        rec.merge("charge_without_order", (long) s.orphanCharges, Long::sum);
        long unsold = 0;
        for (int e = 0; e < events.length; e++) {
            unsold += unsoldCheckins(e);
        }
        return new GroundTruth(
                events.length, totalOrders, tickets, comps, checkinPrefix[totalOrders], unsold, missing,
                Money.big(face), Collections.unmodifiableMap(feesByKey), Money.big(feeSum), Money.big(paid),
                s.charges, s.ticketCharges + s.orphanCharges, s.otherCharges, s.failedCharges, Money.big(charged),
                s.refunds, Money.big(refunded), s.disputes, Money.big(disputed), s.txns, Money.big(stripeFees),
                s.payouts, Money.big(payoutAmount), Collections.unmodifiableMap(rec));
    }

    /** "YYYY-MM-DD HH:MM:SS" in UTC, without the formatter's overhead. */
    static String utc(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secs = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate d = LocalDate.ofEpochDay(days);
        char[] c = new char[19];
        int y = d.getYear();
        c[0] = (char) ('0' + y / 1000 % 10);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        two(c, 5, d.getMonthValue());
        c[7] = '-';
        two(c, 8, d.getDayOfMonth());
        c[10] = ' ';
        two(c, 11, secs / 3600);
        c[13] = ':';
        two(c, 14, secs / 60 % 60);
        c[16] = ':';
        two(c, 17, secs % 60);
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    // ---- small model classes -------------------------------------------------------------------------

    static final class Venue {
        int index;
        String id;
        String title;
        String hall;
        String address;
        String city;
        String state;
        String zip;
        ZoneId zone;
        int[] keys;
        int[] keysAfter;
        long changeAt;
        final int[] bp = new int[Names.FEE_KEYS.length];
        final int[] fixed = new int[Names.FEE_KEYS.length];
    }

    static final class SimEvent {
        int index;
        String id;
        String name;
        Venue venue;
        LocalDateTime start;
        LocalDateTime end;
        LocalDateTime created;
        LocalDate startDate;
        String startText;
        String endText;
        long startEpoch;
        String privacy;
        int orders;
        int checkinPermille;
        int[] feeKeys;
        TicketType[] types;
    }

    static final class TicketType {
        String id;
        String name;
        String[] priceIds;
        long[] cents;
        String[] priceStrings;
    }
}
