package com.ticketwarehouse.quicksight;

import com.ticketwarehouse.aws.GlueCatalog;
import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.quicksight.QuickSightClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The QuickSight provisioner of the routes (routes/quicksight.yaml, routes/quicksight/), from the
 * settings of the aws target. Its clients and settings are read on first use, so that a command
 * that never reaches QuickSight needs no AWS credentials nor QuickSight settings.
 */
@Configuration
public final class QuickSightBeans implements CamelConfiguration {
    @BindToRegistry("quicksight")
    public QuickSightProvisioner quicksight(CamelContext context) {
        Settings settings = new Settings(context);
        Supplier<QuickSightClient> quicksight = once(() -> closedWith(context, QuickSightClient.builder().build()));
        Supplier<GlueCatalog> glue = once(() -> new GlueCatalog(closedWith(context, GlueClient.builder().build()), settings.get("tw.aws.database", "")));
        Supplier<QuickSightConfig> config = once(() -> config(settings, quicksight.get()));
        return new QuickSightProvisioner(quicksight, config, once(Dashboards::load), mart -> glue.get().columns(mart),
                () -> SqlModels.load().stream().filter(m -> m.layer().equals("marts")).map(SqlModel::name).toList(), Clock.systemUTC());
    }

    static QuickSightConfig config(Settings settings, QuickSightClient quicksight) {
        if (!Settings.AWS.equals(settings.get("tw.target", Settings.LOCAL))) {
            throw new IllegalArgumentException("QuickSight reads the marts of the aws target: use --target aws (or TW_TARGET=aws)");
        }
        String account = settings.get("tw.quicksight.account-id", "");
        if (account.isEmpty()) {
            try (StsClient sts = StsClient.builder().build()) {
                account = sts.getCallerIdentity().account();
            }
        }
        return new QuickSightConfig(account, quicksight.serviceClientConfiguration().region().id(), settings.get("tw.quicksight.namespace", "default"),
                settings.get("tw.quicksight.prefix", ""), settings.get("tw.aws.athena-workgroup", "primary"), settings.get("tw.aws.database", ""),
                QuickSightConfig.importMode(settings.get("tw.quicksight.import-mode", "DIRECT_QUERY")),
                QuickSightConfig.principals(settings.get("tw.quicksight.authors", "")), QuickSightConfig.principals(settings.get("tw.quicksight.readers", "")),
                settings.get("tw.dashboards.currency", "USD"), Boolean.parseBoolean(settings.get("tw.quicksight.analyses", "true")),
                Duration.ofMinutes((long) settings.number("tw.quicksight.ingestion-timeout-minutes")),
                Duration.ofMillis((long) settings.number("tw.aws.poll-ms")));
    }

    private static <T extends AutoCloseable> T closedWith(CamelContext context, T client) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    client.close();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
