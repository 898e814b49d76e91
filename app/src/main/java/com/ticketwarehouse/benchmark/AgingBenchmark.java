package com.ticketwarehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.TimeRange;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.JobState;
import com.ticketwarehouse.lake.AthenaLake;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.LakeFiles;
import com.ticketwarehouse.lake.ObjectStore;
import com.ticketwarehouse.lake.Refresh;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./tw benchmark --aging}: a lake aged through a year of syncs, and at day 1, every 30th
 * day and the last, what a sync-current and its refresh cost then. A year of 5-minute syncs is too
 * many to run, so the year is built by a shortcut (docs/lake-growth.md, "Aging"): the pipeline's
 * clock and the Stripe simulator's move through the year together, a sync or a few a day and the
 * daily compaction run as jobs on the real code path, and a refresh weekly and around each measured
 * day (it reads the runs since the last, however many); the Ticketsauce simulator has no clock, so an event's orders and check-ins arrive
 * whole when it enters the current window. At each measured day, sync-currents run again five
 * minutes apart, then an hour apart, and their time, their refresh's, the refresh's requests to
 * the lake's store and the raw objects the day added are printed as a Markdown table. So that the lake
 * holds as many runs as a year of 5-minute syncs leaves, each 5-minute slot the year does not sync
 * in gets the manifest an unchanged sync writes there (all an unchanged sync adds), once it is an
 * hour old: no refresh reads it, as a refresh would have read it with nothing in it. On the local target
 * the lake is a folder and DuckDB; on the aws target (`./tw emulate`'s stand-in, say) S3 and Athena, whose
 * refresh's scanned bytes are shown too.
 */
final class AgingBenchmark {
    /** The sync-current's cadence: the measured syncs' spacing, and the slots that get an unchanged sync's manifest. */
    private static final Duration CADENCE = Duration.ofMinutes(5);
    /** The time between the measured sync-currents of a row, and the sync before. */
    private static final List<Duration> GAPS = List.of(CADENCE, Duration.ofHours(1));

    private final int days;
    private final int syncEveryDays;
    /**
     * How often the year is compacted and refreshed between measured days: a compaction compacts each
     * closed day into a run of its own, and a refresh reads the runs since the last, however many.
     */
    private final int refreshEveryDays;
    private final Set<Integer> measuredDays;
    private final int repeat;
    /** The moments real syncs ran at, whose slots get no written manifest. */
    private final Set<Instant> synced = new HashSet<>();
    /** The slots up to this one have their manifest. */
    private Instant filledThrough;
    /** Day 1's sync and refresh, by the time since the sync before. */
    private final Map<Duration, Double> firstDaySeconds = new HashMap<>();
    private double compactSeconds;

    /**
     * @param days      how long the lake ages (365: a year)
     * @param syncEveryDays the days from one sync-current to the next (the real cadence is 288 a day); at most 4, the
     *                      current window's span, so that every event is read
     * @param refreshEveryDays the days from one compaction and refresh to the next between measured days
     * @param measuredDays the days measured: day 1, every 30th and the last when empty
     * @param repeat    the sync-currents measured at each measured day, five minutes apart
     */
    private AgingBenchmark(int days, int syncEveryDays, int refreshEveryDays, Set<Integer> measuredDays, int repeat) {
        this.days = days;
        this.syncEveryDays = syncEveryDays;
        this.refreshEveryDays = refreshEveryDays;
        this.measuredDays = measuredDays.isEmpty()
                ? Stream.iterate(1, d -> d <= days, d -> d + 1).filter(d -> d == 1 || d % 30 == 0 || d == days).collect(Collectors.toSet())
                : measuredDays;
        this.repeat = repeat;
    }

    static int run(String scale, long seed, int days, int syncEveryDays, int refreshEveryDays, Set<Integer> measuredDays, int repeat,
                   Map<String, String> settings) {
        // a measured day's syncs fit in the four hours after its evening
        if (days < 1 || syncEveryDays < 1 || syncEveryDays > 4 || refreshEveryDays < 1 || repeat < 1 || repeat > 3
                || measuredDays.stream().anyMatch(d -> d < 1 || d > days)) {
            throw new IllegalArgumentException("--days must be at least 1, --sync-every-days from 1 to 4, --refresh-every-days at least 1, "
                    + "--measure-days from 1 to --days, --repeat from 1 to 3");
        }
        // the simulated account ends just after the last measured sync: its year is the lake's
        Instant end = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        AgingBenchmark aging = new AgingBenchmark(days, syncEveryDays, refreshEveryDays, measuredDays, repeat);
        MovableClock clock = new MovableClock(aging.evening(1, end));
        try (Simulators simulators = Simulators.start(seed, Scale.named(scale), FaultPlan.none(), end, 0, 0)) {
            Map<String, String> overrides = new LinkedHashMap<>(settings);
            overrides.putAll(SimulatedApis.settings(simulators));
            overrides.put("tw.progress", "false");
            // each sync's refresh is run (and timed) on its own, as the local sync route runs it
            overrides.put("tw.sync.transform", "false");
            try (Pipeline pipeline = Pipeline.start(overrides, clock)) {
                return aging.age(pipeline, clock, simulators, end, scale);
            }
        }
    }

    /** The moment a day's last sync runs, and a measured day's measured syncs follow: four hours before the day ends in the account's time. */
    private Instant evening(int day, Instant end) {
        return end.minus(Duration.ofDays(days - day)).minus(Duration.ofHours(4));
    }

    private int age(Pipeline pipeline, MovableClock clock, Simulators simulators, Instant end, String scale) {
        JobRuns jobs = pipeline.context().getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        Lake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", Lake.class);
        ObjectStore store = lake.files().store();
        LocalDate firstWindowDay = null;
        long started = System.nanoTime();
        Totals before = Totals.of(store);
        // each row as it is measured: a year takes a while
        System.out.println("| day | after the last sync | load average | runs in the lake | raw objects | raw MB | orders in the tables "
                + "| raw objects, KB added that day | sync-current s | its refresh s | sync + refresh s | x day 1 | store requests per refresh: LIST, GET, PUT | objects the refresh reads "
                + "| KB Athena scanned for the refresh | the day's compaction s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (int day = 1; day <= days; day++) {
            Instant evening = evening(day, end);
            boolean aroundMeasured = measured(day) || measured(day + 1);
            boolean weekly = day % refreshEveryDays == 0 || aroundMeasured;
            if (weekly) {
                // compacts every closed day not compacted yet, each into a run of its own, as the daily job would have
                moveTo(clock, simulators, evening.minus(Duration.ofMinutes(1)));
                long compacting = System.nanoTime();
                require(jobs.run("compact"), "compact");
                compactSeconds = (System.nanoTime() - compacting) / 1e9;
            }
            if (day % syncEveryDays == 0 || aroundMeasured) {
                moveTo(clock, simulators, evening);
                firstWindowDay = firstWindowDay == null ? LocalDate.ofInstant(evening, ZoneOffset.UTC).minusDays(1) : firstWindowDay;
                JobState sync = require(jobs.run("sync-current"), "sync-current");
                synced.add(sync.startedAt().truncatedTo(ChronoUnit.SECONDS));
                if (weekly) {
                    pipeline.call("transform", null, Map.of(), String.class);
                    fillSkippedSlots(lake, sync, evening.minus(Duration.ofHours(1)));
                }
            }
            // the lake is walked only around a measured day: a year's walks would cost more than its syncs
            if (measured(day)) {
                measure(day, evening, Totals.of(store).minus(before), pipeline, jobs, lake, clock, simulators);
            }
            if (measured(day + 1)) {
                before = Totals.of(store);
            }
            if (day % 10 == 0) {
                System.err.printf("tw: aging: day %d of %d built, %.0f s so far%n", day, days, (System.nanoTime() - started) / 1e9);
            }
        }
        System.out.printf("%nMedians of %d sync-currents at each day and time since the sync before; the year built with a sync-current every %d days, the "
                + "compaction and a refresh every %d, in %.0f s; scale %s.%n", repeat, syncEveryDays, refreshEveryDays, (System.nanoTime() - started) / 1e9, scale);

        for (Duration slot : List.of(CADENCE, Duration.ofMinutes(15), Duration.ofHours(1))) {
            long[] busy = slotsWithNews(simulators, end.minus(Duration.ofDays(30)), end, slot);
            System.out.printf("%d-minute slots of the last 30 days in which Stripe made something (a sync's new run to refresh): %,d of %,d (%.2f)%n",
                    slot.toMinutes(), busy[0], busy[1], busy[0] / (double) busy[1]);
        }

        // an aged lake that misses data is no result: every event that was in a window has its orders
        LocalDate lastWindowBefore = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(3);
        long expected = simulators.account().eventsAndOrders(firstWindowDay, lastWindowBefore)[1];
        long inLake = orders(lake);
        if (inLake != expected) {
            System.err.printf("tw: error: the lake holds %,d orders, the simulators %,d for the events of the year's windows%n", inLake, expected);
            return 1;
        }
        return 0;
    }

    private boolean measured(int day) {
        return measuredDays.contains(day);
    }

    private static long orders(Lake lake) {
        return Long.parseLong(lake.rows("SELECT count(*) AS orders FROM orders").get(0).get("orders"));
    }

    /**
     * A measured day: {@code repeat} sync-currents five minutes apart (the cadence: most find nothing
     * new), then {@code repeat} an hour apart (each brings an hour of sales), each with its refresh;
     * a row for each.
     */
    private void measure(int day, Instant evening, Totals dayAdded, Pipeline pipeline, JobRuns jobs, Lake lake,
                         MovableClock clock, Simulators simulators) {
        Instant at = evening;
        for (Duration gap : GAPS) {
            double[] syncs = new double[repeat], refreshes = new double[repeat], both = new double[repeat];
            long[] list = new long[repeat], get = new long[repeat], put = new long[repeat], objectsRead = new long[repeat], scanned = new long[repeat];
            for (int i = 0; i < repeat; i++) {
                at = at.plus(gap);
                moveTo(clock, simulators, at);
                long started = System.nanoTime();
                JobState sync = require(jobs.run("sync-current"), "sync-current");
                syncs[i] = (System.nanoTime() - started) / 1e9;
                synced.add(sync.startedAt().truncatedTo(ChronoUnit.SECONDS));
                // the refresh's own requests: its plan, made again over a counting store on the same state, and its state written
                CountingStore counted = new CountingStore(lake.files().store());
                List<SqlModel> models = SqlModels.load();
                // the tables are there: made by the refreshes before
                Refresh.Plan plan = Refresh.plan(new LakeFiles(counted), models, false,
                        () -> models.stream().map(SqlModel::name).collect(Collectors.toSet()), clock.instant());
                long scannedBefore = lake instanceof AthenaLake athena ? athena.bytesScanned() : 0;
                started = System.nanoTime();
                pipeline.call("transform", null, Map.of(), String.class);
                refreshes[i] = (System.nanoTime() - started) / 1e9;
                scanned[i] = lake instanceof AthenaLake athena ? athena.bytesScanned() - scannedBefore : -1;
                both[i] = syncs[i] + refreshes[i];
                Map<String, Long> requests = counted.requests();
                list[i] = requests.getOrDefault("LIST", 0L);
                get[i] = requests.getOrDefault("GET", 0L);
                // the state is written after the models, or, with only runs that archived nothing, in their stead
                put[i] = requests.getOrDefault("PUT", 0L) + (plan.nothingNew() && plan.empty().isEmpty() ? 0 : 1);
                objectsRead[i] = plan.runs().stream().mapToLong(run -> objects(lake.files(), run)).sum();
                fillSkippedSlots(lake, sync, clock.instant().minus(Duration.ofHours(1)));
            }
            Totals now = Totals.of(lake.files().store());
            double seconds = median(both);
            firstDaySeconds.putIfAbsent(gap, seconds);
            System.out.println(String.format("| %d | %s | %.1f | %,d | %,d | %.1f | %,d | %,d, %,d | %.2f | %.2f | %.2f | %.2f | %d, %d, %d | %d | %s | %.2f |",
                    day, gap.toMinutes() < 60 ? gap.toMinutes() + " min" : gap.toHours() + " h",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), now.manifests, now.objects, now.bytes / 1e6,
                    orders(lake), dayAdded.objects, dayAdded.bytes / 1000,
                    median(syncs), median(refreshes), seconds, seconds / firstDaySeconds.get(gap),
                    (long) median(list), (long) median(get), (long) median(put), (long) median(objectsRead),
                    lake instanceof AthenaLake ? String.format("%,.0f", median(scanned) / 1000) : "–", compactSeconds));
        }
    }

    /**
     * Writes the manifest of an unchanged sync into each 5-minute slot no real sync ran in, from the
     * last one filled up to {@code until}: this sync's manifest with nothing archived, under the id,
     * times and window the slot's sync would have had. Called after a refresh, with {@code until} its
     * settled mark (an hour before it), so that no refresh reads them.
     */
    private void fillSkippedSlots(Lake lake, JobState sync, Instant until) {
        filledThrough = filledThrough == null ? sync.startedAt().truncatedTo(ChronoUnit.SECONDS) : filledThrough;
        ObjectNode unchanged = (ObjectNode) lake.files().manifest(sync.runId()).deepCopy();
        unchanged.put("records", 0).put("bytes", 0);
        unchanged.path("entities").forEach(entity -> ((ObjectNode) entity).put("records", 0).put("files", 0).put("bytes", 0));
        unchanged.remove("undefined_fields");
        for (Instant slot = filledThrough.plus(CADENCE); !slot.isAfter(until); slot = slot.plus(CADENCE)) {
            filledThrough = slot;
            if (synced.contains(slot)) {
                continue;
            }
            LoadRun run = new LoadRun(slot, "all", TimeRange.of("current", LocalDate.ofInstant(slot, ZoneOffset.UTC), null, null));
            ObjectNode manifest = unchanged.deepCopy();
            manifest.put("run_id", run.id()).put("started_at", slot.toString()).put("heartbeat_at", slot.toString())
                    .put("finished_at", slot.plusMillis(manifest.path("duration_ms").asLong()).toString())
                    .put("events_from", run.range().eventsFrom().toString()).put("events_before", run.range().eventsBefore().toString());
            lake.files().store().write(Archive.manifestKey(run), manifest.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * How many slots of the period saw Stripe create an object of a list the syncs read, or an
     * event: those after which a sync archives something new (every order is paid through Stripe),
     * and of how many slots.
     */
    private static long[] slotsWithNews(Simulators simulators, Instant from, Instant until, Duration slot) {
        long busy = 0, slots = 0;
        for (Instant at = from; at.isBefore(until); at = at.plus(slot), slots++) {
            long start = at.getEpochSecond(), last = at.plus(slot).getEpochSecond() - 1;
            boolean news = simulators.stripe().count("events", start, last) > 0;
            for (String list : Entities.STRIPE_LISTS) {
                news |= simulators.stripe().count(list, start, last) > 0;
            }
            busy += news ? 1 : 0;
        }
        return new long[] {busy, slots};
    }

    private static void moveTo(MovableClock clock, Simulators simulators, Instant at) {
        clock.set(at);
        simulators.stripe().clock(at);
    }

    private static JobState require(Optional<JobState> state, String job) {
        if (state.isEmpty() || state.get().failed()) {
            throw new IllegalStateException(job + " did not complete: " + state.map(JobState::line).orElse("skipped"));
        }
        return state.get();
    }

    /** The raw objects a run wrote, from its manifest. */
    private static long objects(LakeFiles files, String run) {
        JsonNode manifest = files.manifest(run);
        long objects = 0;
        for (JsonNode entity : manifest.path("entities")) {
            objects += entity.path("files").asLong();
        }
        return objects;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }

    /** The lake's raw objects and their bytes, and its runs' manifests, as a listing finds them (unfinished writes, hidden, left out). */
    private record Totals(long objects, long bytes, long manifests) {
        static Totals of(ObjectStore store) {
            ObjectStore.Usage raw = store.usage(Archive.RAW + "/");
            return new Totals(raw.objects(), raw.bytes(), store.usage(Archive.MANIFESTS + "/").objects());
        }

        Totals minus(Totals other) {
            return new Totals(objects - other.objects, bytes - other.bytes, manifests - other.manifests);
        }
    }
}
