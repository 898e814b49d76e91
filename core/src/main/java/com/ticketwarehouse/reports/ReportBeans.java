package com.ticketwarehouse.reports;

import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The reports bean the routes call (routes/reports.yaml), made from the configuration: its mail goes by SMTP, or by SES ({@code tw.report.mail}), made on first send. */
@Configuration
public final class ReportBeans implements CamelConfiguration {
    /** The SMTP password: from the environment only, never a Camel property (those are logged as they resolve). */
    static final String SMTP_PASSWORD = "TW_SMTP_PASSWORD";

    @BindToRegistry("reports")
    public Reports reports(CamelContext context, Lake lake) {
        return reports(new Settings(context)::optional, () -> context.getPropertiesComponent().loadPropertiesAsMap().keySet().stream()
                .map(String::valueOf).collect(Collectors.toSet()), lake, Clock.systemUTC());
    }

    /** @param names every setting's key (for the venues' own recipients) */
    public static Reports reports(Function<String, Optional<String>> properties, Supplier<Set<String>> names, Lake lake, Clock clock) {
        ReportSettings settings = new ReportSettings(properties, names);
        String transport = properties.apply("tw.report.mail").orElse("smtp").trim();
        Supplier<Mailer> mailer = switch (transport) {
            case "smtp" -> () -> new SmtpMailer(properties.apply("tw.report.smtp.host").orElse("localhost"),
                    Integer.parseInt(properties.apply("tw.report.smtp.port").orElse("25").trim()),
                    Boolean.parseBoolean(properties.apply("tw.report.smtp.tls").orElse("false").trim()),
                    properties.apply("tw.report.smtp.user").orElse(""), Optional.ofNullable(System.getenv(SMTP_PASSWORD)).orElse(""),
                    Integer.parseInt(properties.apply("tw.report.smtp.timeout-ms").orElse("30000").trim()));
            case "ses" -> () -> new SesMailer(SesV2Client::create);
            default -> throw new IllegalArgumentException("tw.report.mail '" + transport + "' must be smtp or ses");
        };
        return new Reports(lake, Metrics::load, settings, memoized(mailer), clock);
    }

    private static Supplier<Mailer> memoized(Supplier<Mailer> make) {
        Mailer[] made = new Mailer[1];
        return () -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = make.get();
                }
                return made[0];
            }
        };
    }
}
