package com.ticketwarehouse.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SettingRulesTest {
    private static final Pattern VARIABLE = Pattern.compile("^\\{\\{env:([A-Z0-9_]+)");

    static Properties file(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SettingRulesTest.class.getClassLoader().getResourceAsStream(name)) {
            properties.load(in);
        }
        return properties;
    }

    /** A new setting gets a rule, and the variable a message names is the one the files read. */
    @Test
    void every_setting_of_both_files_has_a_rule_naming_its_variable() throws IOException {
        Map<String, SettingRules.Rule> rules = new HashMap<>();
        SettingRules.RULES.forEach(rule -> rules.put(rule.key(), rule));
        Map<String, String> variables = new HashMap<>();
        for (String name : new String[] {"application.properties", "application-aws.properties"}) {
            Properties properties = file(name);
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("camel.") || key.startsWith("tw.job.")) {
                    // Camel checks its own; the jobs are read (and so checked) by Jobs.read
                    continue;
                }
                assertThat(rules).as(name + ": " + key).containsKey(key);
                Matcher variable = VARIABLE.matcher(properties.getProperty(key).trim());
                if (variable.find()) {
                    variables.put(key, variable.group(1));
                }
            }
        }
        for (SettingRules.Rule rule : SettingRules.RULES) {
            // where no file names one, Camel still reads a setting from the variable of its name in capitals (TW_TARGET)
            String expected = variables.getOrDefault(rule.key(), rule.variable() == null ? null : rule.key().toUpperCase().replaceAll("[.-]", "_"));
            assertThat(rule.variable()).as("the variable of " + rule.key()).isEqualTo(expected);
        }
    }

    @Test
    void the_defaults_of_both_files_are_allowed() throws IOException {
        Map<String, String> raw = new HashMap<>();
        for (String name : new String[] {"application.properties", "application-aws.properties"}) {
            file(name).forEach((key, value) -> raw.put((String) key, ((String) value).trim()));
        }
        raw.put("tw.aws.bucket", "my-lake");
        Map<String, String> settings = new HashMap<>();
        raw.forEach((key, value) -> settings.put(key, withDefaults(value, raw)));
        SettingRules.Problems problems = check(settings);
        assertThat(problems.atStart()).isEmpty();
        assertThat(problems.byApi()).isEmpty();
    }

    @Test
    void a_bad_value_names_the_setting_its_variable_the_value_and_what_is_allowed() {
        assertThat(check(Map.of("tw.http.retries", "lots")).atStart())
                .containsExactly("setting tw.http.retries (TW_HTTP_RETRIES) is 'lots': use a whole number from 0 to 100");
        assertThat(check(Map.of("tw.http.timeout-ms", "soon", "ticketsauce.concurrency", "0")).atStart()).containsExactly(
                "setting ticketsauce.concurrency (TICKETSAUCE_CONCURRENCY) is '0': use a whole number from 1 to 64",
                "setting tw.http.timeout-ms (TW_HTTP_TIMEOUT_MS) is 'soon': use a whole number from 1 to 3600000");
        assertThat(check(Map.of("ticketsauce.requests-per-second", "2.5", "stripe.requests-per-second", "0")).atStart()).isEmpty();
        assertThat(check(Map.of("stripe.requests-per-second", "1e9")).atStart()).singleElement().asString()
                .endsWith("use a number from 0 to 1000 (0 for no limit)");
        assertThat(check(Map.of("tw.progress", "yes")).atStart()).containsExactly("setting tw.progress is 'yes': use true or false");
        assertThat(check(Map.of("tw.target", "azure")).atStart()).containsExactly("setting tw.target (TW_TARGET) is 'azure': use local or aws");
        assertThat(check(Map.of("tw.aws.bucket", "My_Bucket")).atStart()).singleElement().asString().startsWith("setting tw.aws.bucket (BUCKET_NAME)");
        assertThat(check(Map.of("tw.jobs", "crawl", "tw.job.crawl.route", "crawl", "tw.job.crawl.every", "1d", "tw.jobs.disabled", "nope"))
                .atStart()).singleElement().asString().contains("unknown jobs [nope]");
    }

    /** A URL only a load of its API reads: the other commands run; a load of that API refuses it. */
    @Test
    void a_bad_api_url_belongs_to_its_api() {
        SettingRules.Problems problems = check(Map.of("ticketsauce.base-url", "not-a-url", "stripe.base-url", "https://api.stripe.com"));
        assertThat(problems.atStart()).isEmpty();
        assertThat(problems.byApi()).containsExactly(Map.entry("ticketsauce",
                "setting ticketsauce.base-url (TICKETSAUCE_BASE_URL) is 'not-a-url': use an http:// or https:// URL such as https://api.example.com/v2"));
        for (String bad : new String[] {"ftp://x", "http://", "https://api.stripe.com?x=1", "api.stripe.com", "http://a b"}) {
            assertThat(check(Map.of("stripe.base-url", bad)).byApi()).as(bad).containsKey("stripe");
        }
        assertThat(check(Map.of("stripe.base-url", "http://127.0.0.1:8080")).byApi()).isEmpty();
    }

    private static SettingRules.Problems check(Map<String, String> settings) {
        return SettingRules.check(key -> Optional.ofNullable(settings.get(key)));
    }

    /** A value as it is where no variable is set: {{env:NAME:default}} is the default, {{key}} the other setting. */
    private static String withDefaults(String value, Map<String, String> raw) {
        Pattern innermost = Pattern.compile("\\{\\{([^{}]*)}}");
        for (Matcher m = innermost.matcher(value); m.find(); m = innermost.matcher(value)) {
            String inside = m.group(1);
            String replacement = inside.startsWith("env:") ? inside.replaceFirst("^env:[A-Z0-9_]+:?", "") : raw.get(inside);
            value = value.substring(0, m.start()) + replacement + value.substring(m.end());
        }
        return value;
    }
}
