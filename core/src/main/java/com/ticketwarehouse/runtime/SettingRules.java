package com.ticketwarehouse.runtime;

import com.ticketwarehouse.jobs.Jobs;

import com.ticketwarehouse.settings.Settings;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What each setting of application.properties and application-aws.properties allows, checked once
 * at start: a bad value is one line naming the setting, its variable, the value and what is
 * allowed, instead of a stack trace from deep in Camel when a route or bean first parses it.
 */
public final class SettingRules {
    /** @return null when the value is allowed, else what is allowed ("a whole number from 1 to 64") */
    interface Check extends Function<String, String> {
    }

    /**
     * @param variable the environment variable that sets it, or null where only the file does
     * @param api      the API whose calls alone need it (a load of that API refuses it; other commands do not care), or null
     */
    record Rule(String key, String variable, Check check, String api) {
        String problem(String value) {
            String allowed = check.apply(value);
            return allowed == null ? null : "setting " + key + (variable == null ? "" : " (" + variable + ")")
                    + " is '" + value + "': " + allowed;
        }
    }

    static final List<Rule> RULES = List.of(
            rule("tw.target", "TW_TARGET", oneOf(Settings.LOCAL, Settings.AWS)),
            rule("tw.lake.dir", "TW_LAKE_DIR", text()),
            rule("tw.archive.uri", null, text()),
            rule("tw.archive.temp-prefix", null, matching("\\.[A-Za-z0-9._-]*", "a name that starts with '.' (a hidden file)")),
            rule("tw.archive.spool-dir", "TW_SPOOL_DIR", text()),
            rule("tw.archive.roll-mb", null, number(1, 4096, "the gzip size of an archive object")),
            rule("tw.load.heartbeat-seconds", null, wholeNumber(1, 3600)),
            rule("tw.load.stop-wait-ms", null, wholeNumber(0, 60_000)),
            rule("tw.archive.prefix", "TW_S3_PREFIX", matching("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*|", "a key prefix such as lake, without a leading or trailing /")),
            apiRule("ticketsauce.base-url", "TICKETSAUCE_BASE_URL", httpUrl(), "ticketsauce"),
            rule("ticketsauce.requests-per-second", "TICKETSAUCE_REQUESTS_PER_SECOND", number(0, 1000, "0 for no limit")),
            rule("ticketsauce.concurrency", "TICKETSAUCE_CONCURRENCY", wholeNumber(1, 64)),
            rule("ticketsauce.orders-per-page", null, wholeNumber(1, 100)),
            rule("ticketsauce.checkins-per-page", null, wholeNumber(1, 5000)),
            apiRule("stripe.base-url", "STRIPE_BASE_URL", httpUrl(), "stripe"),
            rule("stripe.api-version", null, matching("\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?|", "a Stripe API version such as 2024-06-20, or nothing")),
            rule("stripe.requests-per-second", "STRIPE_REQUESTS_PER_SECOND", number(0, 1000, "0 for no limit")),
            rule("stripe.page-size", null, wholeNumber(1, 100)),
            rule("tw.http.retries", "TW_HTTP_RETRIES", wholeNumber(0, 100)),
            rule("tw.http.retry-delay-ms", "TW_HTTP_RETRY_DELAY_MS", wholeNumber(0, 600_000)),
            rule("tw.http.timeout-ms", "TW_HTTP_TIMEOUT_MS", wholeNumber(1, 3_600_000)),
            rule("tw.http.endpoint-options", null, text()),
            rule("tw.progress", null, bool()),
            rule("tw.jobs", null, text()),
            rule("tw.jobs.disabled", "TW_JOBS_DISABLED", any()),
            // incremental syncs (routes/sync.yaml): Stripe keeps its events 30 days
            rule("tw.sync.overlap-seconds", "TW_SYNC_OVERLAP_SECONDS", wholeNumber(0, 86_400)),
            rule("tw.sync.events-kept-days", null, wholeNumber(1, 30)),
            rule("tw.sync.transform", null, bool()),
            // the scheduled runner (./tw run): its health checks stay on loopback
            rule("tw.runner.health-port", "TW_HEALTH_PORT", wholeNumber(1, 65_535)),
            rule("tw.runner.health-host", null, oneOf("127.0.0.1", "localhost")),
            rule("tw.runner.lease-seconds", null, wholeNumber(3, 3600)),
            rule("tw.runner.stop-timeout-seconds", null, wholeNumber(0, 3600)),
            // the aws target
            rule("tw.aws.bucket", "BUCKET_NAME", matching("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "an S3 bucket name (3 to 63 lower-case letters, digits, dots and dashes)")),
            rule("tw.aws.env", "ENV", matching("[A-Za-z0-9_-]+", "letters, digits, _ and -, such as dev or prod")),
            rule("tw.aws.s3-path-style", "TW_S3_PATH_STYLE", bool()),
            rule("tw.aws.database", "TW_GLUE_DATABASE", matching("[A-Za-z0-9_]{1,255}", "a Glue database name (letters, digits and _)")),
            rule("tw.aws.crawler-role", "TW_CRAWLER_ROLE", any()),
            rule("tw.aws.crawler-prefix", null, matching("[A-Za-z0-9_-]*", "letters, digits, _ and -")),
            rule("tw.aws.crawl-timeout-minutes", null, wholeNumber(1, 24 * 60)),
            rule("tw.aws.poll-ms", null, wholeNumber(10, 600_000)),
            rule("tw.aws.athena-workgroup", "TW_ATHENA_WORKGROUP", text()),
            rule("tw.aws.athena-output", "TW_ATHENA_OUTPUT", matching("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?", "an s3://bucket/prefix/ URL")),
            rule("tw.aws.query-timeout-minutes", null, wholeNumber(1, 24 * 60)),
            rule("tw.aws.ticketsauce-secret", "TW_TICKETSAUCE_SECRET", any()),
            rule("tw.aws.stripe-secret", "TW_STRIPE_SECRET", any()),
            rule("tw.dashboards.currency", null, matching("[A-Z]{3}", "an ISO 4217 currency code such as USD")),
            rule("tw.quicksight.prefix", null, matching("[A-Za-z0-9_-]{1,200}", "letters, digits, _ and -")),
            rule("tw.quicksight.account-id", "TW_QUICKSIGHT_ACCOUNT_ID", matching("\\d{12}|", "a 12-digit AWS account id, or nothing for the caller's")),
            rule("tw.quicksight.namespace", "TW_QUICKSIGHT_NAMESPACE", matching("[A-Za-z0-9._-]{1,64}", "a QuickSight namespace such as default")),
            rule("tw.quicksight.authors", "TW_QUICKSIGHT_AUTHORS", any()),
            rule("tw.quicksight.readers", "TW_QUICKSIGHT_READERS", any()),
            rule("tw.quicksight.import-mode", "TW_QUICKSIGHT_IMPORT_MODE", oneOf("DIRECT_QUERY", "SPICE")),
            rule("tw.quicksight.ingestion-timeout-minutes", null, wholeNumber(1, 24 * 60)),
            rule("tw.quicksight.daily-ingestions", "TW_QUICKSIGHT_DAILY_INGESTIONS", wholeNumber(1, 32)),
            rule("tw.quicksight.analyses", null, bool()),
            rule("tw.report.from", "TW_REPORT_FROM", matching("[^@\\s,]+@[^@\\s,]+", "one email address, such as reports@example.com")),
            rule("tw.report.time-zone", "TW_REPORT_TIME_ZONE", matching("[A-Za-z_]+(/[A-Za-z0-9_+-]+)*|[A-Z]{3}|UTC", "a time zone such as America/New_York or UTC")),
            rule("tw.report.settlement.recipients", "TW_SETTLEMENT_RECIPIENTS", any()),
            rule("tw.report.daily-sales.recipients", "TW_DAILY_SALES_RECIPIENTS", any()),
            rule("tw.report.settlement.days", null, wholeNumber(1, 366)),
            rule("tw.report.claim-seconds", null, wholeNumber(1, 86_400)),
            rule("tw.report.mail", "TW_REPORT_MAIL", oneOf("smtp", "ses")),
            rule("tw.report.smtp.host", "TW_SMTP_HOST", text()),
            rule("tw.report.smtp.port", "TW_SMTP_PORT", wholeNumber(1, 65_535)),
            rule("tw.report.smtp.tls", "TW_SMTP_TLS", bool()),
            rule("tw.report.smtp.user", "TW_SMTP_USER", any()),
            rule("tw.report.smtp.timeout-ms", null, wholeNumber(1, 600_000)),
            rule("tw.lambda.deadline-margin-seconds", "TW_LAMBDA_DEADLINE_MARGIN_SECONDS", wholeNumber(0, 900)),
            rule("tw.lambda.function-name", "TW_LAMBDA_FUNCTION", matching("([A-Za-z0-9_:-]|<job>){1,140}", "a Lambda function name or ARN, <job> standing for the job's name")));

    /** What is wrong: with every command, and with a load of one API. */
    public record Problems(List<String> atStart, Map<String, String> byApi) {
    }

    private SettingRules() {
    }

    /** @param settings a setting's value by key, empty where it is not set (a setting of another target) */
    public static Problems check(Function<String, Optional<String>> settings) {
        List<String> atStart = new ArrayList<>();
        Map<String, String> byApi = new LinkedHashMap<>();
        for (Rule rule : RULES) {
            Optional<String> value = settings.apply(rule.key());
            String problem = value.map(String::trim).map(rule::problem).orElse(null);
            if (problem == null) {
                continue;
            }
            if (rule.api() == null) {
                atStart.add(problem);
            } else {
                byApi.merge(rule.api(), problem, (a, b) -> a + "; " + b);
            }
        }
        try {
            Jobs.read(settings);
        } catch (IllegalArgumentException e) {
            atStart.add(e.getMessage());
        }
        return new Problems(atStart, byApi);
    }

    private static Rule rule(String key, String variable, Check check) {
        return new Rule(key, variable, check, null);
    }

    private static Rule apiRule(String key, String variable, Check check, String api) {
        return new Rule(key, variable, check, api);
    }

    static Check any() {
        return value -> null;
    }

    static Check text() {
        return value -> value.isEmpty() ? "set a value" : null;
    }

    static Check oneOf(String... allowed) {
        return value -> List.of(allowed).contains(value) ? null : "use " + String.join(" or ", allowed);
    }

    static Check bool() {
        return oneOf("true", "false");
    }

    static Check matching(String regex, String description) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).matches() ? null : "use " + description;
    }

    static Check wholeNumber(long min, long max) {
        return value -> {
            try {
                long n = Long.parseLong(value);
                return n >= min && n <= max ? null : "use a whole number from " + min + " to " + max;
            } catch (NumberFormatException e) {
                return "use a whole number from " + min + " to " + max;
            }
        };
    }

    static Check number(long min, long max, String note) {
        return value -> {
            String allowed = "use a number from " + min + " to " + max + (note == null ? "" : " (" + note + ")");
            try {
                BigDecimal n = new BigDecimal(value);
                return n.compareTo(BigDecimal.valueOf(min)) >= 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0 ? null : allowed;
            } catch (NumberFormatException e) {
                return allowed;
            }
        };
    }

    static Check httpUrl() {
        return value -> {
            String allowed = "use an http:// or https:// URL such as https://api.example.com/v2";
            try {
                URI uri = new URI(value);
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null ? null : allowed;
            } catch (java.net.URISyntaxException e) {
                return allowed;
            }
        };
    }
}
