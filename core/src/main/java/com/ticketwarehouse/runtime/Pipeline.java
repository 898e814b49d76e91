package com.ticketwarehouse.runtime;

import com.ticketwarehouse.extract.ApiClient;
import com.ticketwarehouse.quicksight.QuickSightBeans;
import com.ticketwarehouse.reports.ReportBeans;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A Camel Main started in process with the YAML routes, driven through their {@code direct:}
 * endpoints: what the CLI, the tests and the Lambda shim all use.
 */
public final class Pipeline implements AutoCloseable {
    /** The registry's name of the clock the runs, their ids, the compaction and the refresh go by. */
    public static final String CLOCK = "clock";
    private final Main main;
    private final ProducerTemplate producer;

    private Pipeline(Main main) {
        this.main = main;
        this.producer = main.getCamelContext().createProducerTemplate();
    }

    /**
     * @param overrides settings that win over application.properties and the environment; a
     *                  {@code tw.target} of aws (else TW_TARGET) lays application-aws.properties over the rest.
     *                  API credentials among them (ApiCredentials.VARIABLES) go to the API clients alone.
     */
    public static Pipeline start(Map<String, String> overrides) {
        return start(overrides, Clock.systemUTC());
    }

    /**
     * @param clock what the runs take as now (their ids, load dates, the compaction's closed days,
     *              the refresh's settled runs): the aging benchmark moves it through a year
     */
    public static Pipeline start(Map<String, String> overrides, Clock clock) {
        SensitiveLoggers.silence();
        Map<String, String> settings = new LinkedHashMap<>(overrides);
        Map<String, String> credentials = new LinkedHashMap<>();
        ApiCredentials.VARIABLES.keySet().forEach(key -> Optional.ofNullable(settings.remove(key)).ifPresent(value -> credentials.put(key, value)));
        Main main = new Main();
        main.bind(CLOCK, clock);
        // Camel's own hook would hold SIGTERM and Ctrl-C for up to 20 s waiting for a stop that
        // nobody calls here; a load stops itself at a safe point instead (LiveRun)
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        // the beans the routes name, one @BindToRegistry method each; the settings are checked first
        main.configure().addConfiguration(new CheckedSettings());
        main.configure().addConfiguration(new ApiBeans(credentials));
        main.configure().addConfiguration(new LoadBeans());
        main.configure().addConfiguration(new ListBeans());
        main.configure().addConfiguration(new LakeBeans());
        main.configure().addConfiguration(new QuickSightBeans());
        main.configure().addConfiguration(new ReportBeans());
        String target = overrides.getOrDefault("tw.target", System.getenv().getOrDefault("TW_TARGET", Settings.LOCAL));
        if (Settings.AWS.equals(target)) {
            targetSettings(target).forEach(main::addOverrideProperty);
        } else if (!Settings.LOCAL.equals(target)) {
            throw new IllegalArgumentException("unknown target '" + target + "': use local or aws");
        }
        main.addOverrideProperty("tw.target", target);
        settings.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
        return new Pipeline(main);
    }

    private static Map<String, String> targetSettings(String target) {
        Properties settings = new Properties();
        try (InputStream in = Pipeline.class.getClassLoader().getResourceAsStream("application-" + target + ".properties")) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        settings.stringPropertyNames().forEach(key -> map.put(key, settings.getProperty(key).trim()));
        return map;
    }

    /** The clock this context's pipeline goes by (the system's UTC clock unless it was started with another). */
    public static Clock clock(CamelContext context) {
        Clock clock = context.getRegistry().lookupByNameAndType(CLOCK, Clock.class);
        return clock == null ? Clock.systemUTC() : clock;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /**
     * Makes the HTTP endpoint of each API whose settings are good (its client, connection pool and
     * TLS context) as that API's first call would (routes/api.yaml), without calling it: the Lambda
     * function does this during init, so that a SnapStart snapshot holds them made and no invocation
     * pays for them (BENCHMARKS.md, "Fixed cost and start-up"). Opens no connection.
     */
    public void prepareApis() {
        CamelContext context = context();
        for (ApiClient client : context.getRegistry().findByType(ApiClient.class)) {
            try {
                client.requireSettings();
                Endpoint endpoint = context.getEndpoint(context.resolvePropertyPlaceholders(
                        "{{" + client.api() + ".base-url}}?{{tw.http.endpoint-options}}"));
                if (endpoint instanceof HttpEndpoint http) {
                    http.getHttpClient();
                }
            } catch (RuntimeException e) {
                // a bad setting of this API: its loads refuse to start, saying which
            }
        }
    }

    /** Sends to {@code direct:<route>} and returns the answer, throwing the route's own exception. */
    public <T> T call(String route, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = producer.send("direct:" + route, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        Exception failure = exchange.getException();
        if (failure != null) {
            throw unwrap(failure);
        }
        return exchange.getMessage().getBody(type);
    }

    static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CamelExecutionException || cause.getClass().getName().startsWith("org.apache.camel"))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    }

    @Override
    public void close() {
        producer.stop();
        main.stop();
    }
}
