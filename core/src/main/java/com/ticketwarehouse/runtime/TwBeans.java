package com.ticketwarehouse.runtime;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.ArchiveSink;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.ApiClient;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.extract.EntityList;
import com.ticketwarehouse.extract.NoAutomaticRetries;
import com.ticketwarehouse.extract.OrderDetails;
import com.ticketwarehouse.extract.PageNumberCursor;
import com.ticketwarehouse.extract.StartingAfterCursor;
import com.ticketwarehouse.extract.StripeClient;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.extract.TicketsauceClient;
import com.ticketwarehouse.extract.TicketsauceShapes;
import com.ticketwarehouse.extract.TimeRange;
import com.ticketwarehouse.aws.AwsSecrets;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.Jobs;
import com.ticketwarehouse.jobs.Syncs;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Tracer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;

/** The beans the YAML routes refer to, made from the configuration (application.properties). */
public final class TwBeans implements CamelConfiguration {
    static final String ATHENA_CLIENT = "twAthenaClient";

    /**
     * The API credentials, by the name a caller may hand them over under and the variable that
     * sets them. They are never Camel properties: Camel's property resolution logs every value it
     * resolves, unmasked, at debug and trace level.
     */
    static final Map<String, String> CREDENTIALS = Map.of(
            "ticketsauce.client-id", "TICKETSAUCE_CLIENT_ID",
            "ticketsauce.client-secret", "TICKETSAUCE_CLIENT_SECRET",
            "stripe.api-key", "STRIPE_API_KEY");

    private final Map<String, String> given;

    /** @param given credentials handed over by the caller (the demo, the tests); they win over the environment */
    TwBeans(Map<String, String> given) {
        this.given = Map.copyOf(given);
    }

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        SettingRules.Problems problems = SettingRules.check(settings::optional);
        if (!problems.atStart().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.atStart()));
        }
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        String target = settings.get("tw.target", Pipeline.LOCAL);
        // locally the spool is the lake's folder itself, so that a finished object is renamed into place
        Archive archive = new Archive(settings.get("tw.archive.prefix", ""),
                new Archive.Spool(Path.of(settings.get("tw.archive.spool-dir", "")), Pipeline.LOCAL.equals(target)),
                settings.get("tw.archive.temp-prefix", ".writing-"), (long) (settings.number("tw.archive.roll-mb") * (1 << 20)),
                new ArchiveSink(context));
        Map<String, String> credentials = credentials(settings, target, given);

        TicketsauceClient ticketsauce = new TicketsauceClient(credentials.get("ticketsauce.client-id"),
                credentials.get("ticketsauce.client-secret"), settings.number("ticketsauce.requests-per-second"), clock);
        StripeClient stripe = new StripeClient(credentials.get("stripe.api-key"), settings.get("stripe.api-version", ""),
                settings.number("stripe.requests-per-second"));
        ticketsauce.refuseLoads(problems.byApi().get(ticketsauce.api()));
        stripe.refuseLoads(problems.byApi().get(stripe.api()));
        Tracer tracer = context.getTracer();
        tracer.setExchangeFormatter(new TracingMask(tracer.getExchangeFormatter(),
                List.of(credentials.get("ticketsauce.client-secret"), credentials.get("stripe.api-key"))));
        registry.bind("noAutomaticRetries", new NoAutomaticRetries());
        registry.bind("ticketsauceClient", ticketsauce);
        registry.bind("stripeClient", stripe);
        registry.bind("loads", new Loads(archive, List.<ApiClient>of(ticketsauce, stripe), clock,
                Boolean.parseBoolean(settings.get("tw.progress", "true")),
                Duration.ofSeconds((long) settings.number("tw.load.heartbeat-seconds")),
                Duration.ofMillis((long) settings.number("tw.load.stop-wait-ms"))));
        registry.bind("orderDetails", new OrderDetails(archive));

        int ordersPerPage = (int) settings.number("ticketsauce.orders-per-page");
        int checkinsPerPage = (int) settings.number("ticketsauce.checkins-per-page");
        registry.bind("ticketsauceEvents", new EntityList("ticketsauce", "events",
                (run, eventId) -> new PageNumberCursor("/events", eventsQuery(run.range()), 0), TicketsauceShapes.EVENTS, archive));
        registry.bind("ticketsauceOrders", new EntityList("ticketsauce", "orders",
                (run, eventId) -> new PageNumberCursor("/orders/" + eventId, "return_tickets=true&return_line_item_fees=true", ordersPerPage),
                TicketsauceShapes.ORDERS, archive));
        registry.bind("ticketsauceCheckins", new EntityList("ticketsauce", "checkins",
                (run, eventId) -> new PageNumberCursor("/tickets/checkin_ids/" + eventId, "", checkinsPerPage),
                TicketsauceShapes.CHECKIN_IDS, archive));
        int stripePage = (int) settings.number("stripe.page-size");
        for (String list : Entities.STRIPE) {
            registry.bind("stripe" + camel(list), new EntityList("stripe", list,
                    (run, eventId) -> new StartingAfterCursor("/v1/" + list, stripeQuery(run, list), stripePage), EntityList.Shape.AS_RETURNED, archive));
        }
        ExecutorService workers = context.getExecutorServiceManager()
                .newFixedThreadPool(this, "ticketsauce-worker", (int) settings.number("ticketsauce.concurrency"));
        registry.bind("ticketsauceWorkers", workers);
        List<String> entities = registry.findByType(EntityList.class).stream().map(l -> l.source() + "/" + l.entity()).sorted().toList();
        if (!entities.equals(Entities.ALL)) {
            throw new IllegalStateException("the lists bound " + entities + " are not the entities " + Entities.ALL);
        }
        Lake lake = lake(target, context, settings, entities);
        registry.bind("lake", lake);
        registry.bind("syncs", new Syncs(lake, new StripeSync.Policy(Duration.ofSeconds((long) settings.number("tw.sync.overlap-seconds")),
                Duration.ofDays((long) settings.number("tw.sync.events-kept-days"))), clock));
        // the jobs are read when first asked for, so that a command that runs none starts whatever they say
        registry.bind("jobRuns", new JobRuns(context, () -> Jobs.read(key -> context.getPropertiesComponent().resolveProperty(key)),
                lake, registry.lookupByNameAndType("loads", Loads.class), clock, System.out));
        // the reports (routes/reports.yaml); their mail goes out by SMTP or SES, made on first send
        registry.bind("reports", com.ticketwarehouse.reports.ReportBeans.reports(settings::optional,
                () -> context.getPropertiesComponent().loadPropertiesAsMap().keySet().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.toSet()), lake, clock));
        // QuickSight from dashboards/*.yaml (routes/quicksight.yaml); its clients are made on first use
        registry.bind("quicksight", com.ticketwarehouse.quicksight.QuickSightBeans.provisioner(context, settings));
    }

    /** The lake of the target, from the providers this package carries (the Lambda package has no local one). */
    private static Lake lake(String target, CamelContext context, Settings settings, List<String> entities) {
        for (LakeProvider provider : ServiceLoader.load(LakeProvider.class)) {
            if (provider.target().equals(target)) {
                return provider.create(context, settings, entities);
            }
        }
        throw new IllegalArgumentException("the " + target + " target is not in this package: use the aws target");
    }

    /**
     * The API credentials: those given, else the environment; on the aws target, what is missing
     * comes from the Secrets Manager secrets named by tw.aws.ticketsauce-secret
     * ({client_id, client_secret}) and tw.aws.stripe-secret ({api_key}).
     */
    static Map<String, String> credentials(Settings settings, String target, Map<String, String> given) {
        Map<String, String> credentials = new LinkedHashMap<>();
        Map<String, String[]> fromSecret = Map.of(
                "ticketsauce.client-id", new String[] {"tw.aws.ticketsauce-secret", "client_id"},
                "ticketsauce.client-secret", new String[] {"tw.aws.ticketsauce-secret", "client_secret"},
                "stripe.api-key", new String[] {"tw.aws.stripe-secret", "api_key"});
        AwsSecrets secrets = null;
        java.util.Set<String> unreadable = new java.util.HashSet<>();
        try {
            for (String key : List.of("ticketsauce.client-id", "ticketsauce.client-secret", "stripe.api-key")) {
                String value = given.getOrDefault(key, Objects.requireNonNullElse(System.getenv(CREDENTIALS.get(key)), "")).trim();
                String secretId = settings.get(fromSecret.get(key)[0], "");
                if (value.isEmpty() && Pipeline.AWS.equals(target) && !secretId.isEmpty() && !unreadable.contains(secretId)) {
                    try {
                        secrets = secrets == null ? new AwsSecrets() : secrets;
                        value = secrets.field(secretId, fromSecret.get(key)[1]);
                    } catch (RuntimeException e) {
                        // a crawl or a query needs no API credentials: a load says what is missing
                        unreadable.add(secretId);
                        System.err.println("warning: " + key + " is not set and secret " + secretId + " cannot be read: " + rootMessage(e));
                    }
                }
                credentials.put(key, value);
            }
        } finally {
            if (secrets != null) {
                secrets.close();
            }
        }
        return credentials;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root instanceof SdkServiceException s && s instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage() : String.valueOf(root.getMessage());
        // the SDK's messages can run to a list of every provider it tried
        int end = message.indexOf(". ");
        return end > 0 && end < 200 ? message.substring(0, end + 1) : message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    static String eventsQuery(TimeRange range) {
        StringJoiner query = new StringJoiner("&").add("privacy_type=all");
        if (range.eventsFrom() != null) {
            query.add("start_after=" + range.eventsFrom());
        }
        if (range.eventsBefore() != null) {
            query.add("start_before=" + range.eventsBefore());
        }
        return query.toString();
    }

    /** A load reads the objects created in its time range; a sync from its watermarks (the events feed only then). */
    static String stripeQuery(LoadRun run, String list) {
        StripeSync sync = run.stripeSync();
        if ("events".equals(list)) {
            return sync.eventsQuery();
        }
        return sync == null ? createdQuery(run.range()) : sync.query(list);
    }

    static String createdQuery(TimeRange range) {
        StringJoiner query = new StringJoiner("&");
        if (range.createdFrom() != null) {
            query.add("created%5Bgte%5D=" + range.createdFrom().getEpochSecond());
        }
        if (range.createdBefore() != null) {
            query.add("created%5Blt%5D=" + range.createdBefore().getEpochSecond());
        }
        return query.toString();
    }

    private static String camel(String snake) {
        StringBuilder name = new StringBuilder();
        for (String word : snake.split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }
}
