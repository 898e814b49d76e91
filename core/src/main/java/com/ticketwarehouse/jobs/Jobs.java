package com.ticketwarehouse.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the jobs from the settings (application.properties):
 * <pre>
 * tw.jobs = sync-current, crawl
 * tw.jobs.disabled = crawl                 # switched off in this environment
 * tw.job.sync-current.every = 5m           # s, m, h or d
 * tw.job.sync-current.route = sync         # direct:sync
 * tw.job.sync-current.input = timeRange=current, source=all
 * </pre>
 */
public final class Jobs {
    /**
     * The line a run prints when it took more than {@link #NEAR_TIMEOUT_SHARE} of the time its invocation had:
     * on aws, the jobs' logs are counted where it appears, and one alarm watches the count.
     */
    public static final String NEAR_TIMEOUT_REPORT = "tw: a run near its timeout";
    public static final double NEAR_TIMEOUT_SHARE = 0.8;
    private static final Pattern EVERY = Pattern.compile("(\\d+)\\s*([smhd])");

    private Jobs() {
    }

    /** @param settings a setting's value by key, empty where it is not set */
    public static List<Job> read(Function<String, Optional<String>> settings) {
        Set<String> disabled = names(settings.apply("tw.jobs.disabled").orElse(""));
        List<Job> jobs = new ArrayList<>();
        for (String name : names(settings.apply("tw.jobs").orElse(""))) {
            String prefix = "tw.job." + name + ".";
            String route = required(settings, prefix + "route");
            jobs.add(new Job(name, route, input(prefix + "input", settings.apply(prefix + "input").orElse("")),
                    every(prefix + "every", required(settings, prefix + "every")), !disabled.contains(name)));
        }
        Set<String> unknown = disabled.stream().filter(d -> jobs.stream().noneMatch(j -> j.name().equals(d))).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("setting tw.jobs.disabled names unknown jobs " + unknown + ": the jobs are "
                    + jobs.stream().map(Job::name).toList());
        }
        return List.copyOf(jobs);
    }

    public static Job named(List<Job> jobs, String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown job '" + name + "': the jobs are " + jobs.stream().map(Job::name).toList()));
    }

    private static Set<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static String required(Function<String, Optional<String>> settings, String key) {
        return settings.apply(key).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("setting " + key + " is missing"));
    }

    static Duration every(String key, String value) {
        Matcher m = EVERY.matcher(value.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("setting " + key + " = '" + value + "' is not a cadence: use a number and s, m, h or d, such as 5m");
        }
        long n = Long.parseLong(m.group(1));
        Duration every = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return every;
    }

    private static Map<String, String> input(String key, String value) {
        Map<String, String> input = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting " + key + " = '" + value + "' is not a list of name=value");
            }
            input.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return input;
    }
}
