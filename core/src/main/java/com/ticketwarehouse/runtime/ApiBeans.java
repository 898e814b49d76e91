package com.ticketwarehouse.runtime;

import com.ticketwarehouse.extract.NoAutomaticRetries;
import com.ticketwarehouse.extract.StripeClient;
import com.ticketwarehouse.extract.TicketsauceClient;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Tracer;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The API clients of routes/api.yaml and routes/error-handling.yaml, with the credentials that only
 * they hold ({@link ApiCredentials}); Camel's tracer masks those credentials wherever they appear.
 */
@Configuration
public final class ApiBeans implements CamelConfiguration {
    private final Map<String, String> given;
    private Map<String, String> credentials;

    /** @param given credentials handed over by the caller (the demo, the tests); they win over the environment */
    ApiBeans(Map<String, String> given) {
        this.given = Map.copyOf(given);
    }

    @BindToRegistry("noAutomaticRetries")
    public NoAutomaticRetries noAutomaticRetries() {
        return new NoAutomaticRetries();
    }

    @BindToRegistry("ticketsauceClient")
    public TicketsauceClient ticketsauceClient(CamelContext context, SettingRules.Problems problems,
                                               @PropertyInject("ticketsauce.requests-per-second") double requestsPerSecond) {
        Map<String, String> credentials = credentials(context);
        TicketsauceClient client = new TicketsauceClient(credentials.get(ApiCredentials.TICKETSAUCE_CLIENT_ID),
                credentials.get(ApiCredentials.TICKETSAUCE_CLIENT_SECRET), requestsPerSecond, Clock.systemUTC());
        client.refuseLoads(problems.byApi().get(client.api()));
        return client;
    }

    @BindToRegistry("stripeClient")
    public StripeClient stripeClient(CamelContext context, SettingRules.Problems problems,
                                     @PropertyInject(value = "stripe.api-version", defaultValue = "") String apiVersion,
                                     @PropertyInject("stripe.requests-per-second") double requestsPerSecond) {
        StripeClient client = new StripeClient(credentials(context).get(ApiCredentials.STRIPE_API_KEY), apiVersion, requestsPerSecond);
        client.refuseLoads(problems.byApi().get(client.api()));
        return client;
    }

    /** Camel's message tracing (CAMEL_MAIN_TRACING) shows every header and body: never a credential. */
    @Override
    public void configure(CamelContext context) {
        Tracer tracer = context.getTracer();
        Map<String, String> credentials = credentials(context);
        tracer.setExchangeFormatter(new TracingMask(tracer.getExchangeFormatter(),
                List.of(credentials.get(ApiCredentials.TICKETSAUCE_CLIENT_SECRET), credentials.get(ApiCredentials.STRIPE_API_KEY))));
    }

    private synchronized Map<String, String> credentials(CamelContext context) {
        if (credentials == null) {
            credentials = ApiCredentials.read(new Settings(context), given);
        }
        return credentials;
    }
}
