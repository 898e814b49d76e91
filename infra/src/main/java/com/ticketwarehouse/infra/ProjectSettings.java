package com.ticketwarehouse.infra;

import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesFunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The project's settings as the aws target reads them in one environment: application.properties
 * with application-aws.properties over it, resolved by Camel's own placeholder rules. A
 * {@code {{env:NAME:default}}} takes the value the stack gives NAME in that environment, else its
 * default: never the variables of the machine that happens to synthesize.
 */
final class ProjectSettings {
    private final Settings settings;

    private ProjectSettings(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param variables the environment variables the functions of this environment get
     * @param overrides settings fixed per environment (such as the disabled jobs)
     */
    static ProjectSettings of(Map<String, String> variables, Map<String, String> overrides) {
        DefaultCamelContext camel = new DefaultCamelContext();
        var properties = (org.apache.camel.component.properties.PropertiesComponent) camel.getPropertiesComponent();
        properties.setLocation("classpath:application.properties");
        properties.addPropertiesFunction(new PropertiesFunction() {
            @Override
            public String getName() {
                return "env";
            }

            @Override
            public String apply(String remainder) {
                int colon = remainder.indexOf(':');
                String name = colon < 0 ? remainder : remainder.substring(0, colon);
                return variables.getOrDefault(name, colon < 0 ? "" : remainder.substring(colon + 1));
            }
        });
        Properties over = aws();
        over.putAll(overrides);
        properties.setOverrideProperties(over);
        // only what the files and the stack say: no JVM system property or variable of this machine
        properties.setSystemPropertiesMode(0);
        properties.setEnvironmentVariableMode(0);
        return new ProjectSettings(new Settings(camel));
    }

    private static Properties aws() {
        Properties aws = new Properties();
        try (InputStream in = ProjectSettings.class.getClassLoader().getResourceAsStream("application-aws.properties")) {
            aws.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return aws;
    }

    String get(String key) {
        String value = settings.get(key, "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("setting " + key + " is empty for the stack: set it in application-aws.properties");
        }
        return value;
    }

    List<Job> jobs() {
        return Jobs.read(key -> Optional.of(settings.get(key, "")).filter(v -> !v.isEmpty()));
    }
}
