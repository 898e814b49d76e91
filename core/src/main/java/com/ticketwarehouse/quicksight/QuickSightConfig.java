package com.ticketwarehouse.quicksight;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What QuickSight is made with: where (account, region, namespace), the ids' prefix (from the
 * environment, so that environments never collide), the Athena workgroup and database of the aws
 * target, Direct Query or SPICE, and who may use it: authors own everything, readers view the
 * dashboards. A principal is written {@code group/NAME} or {@code user/NAME}.
 */
public record QuickSightConfig(String accountId, String region, String namespace, String prefix, String workgroup, String database,
                               ImportMode importMode, List<String> authors, List<String> readers, String currency, boolean analyses,
                               Duration ingestionTimeout, Duration poll) {

    public enum ImportMode { DIRECT_QUERY, SPICE }

    public QuickSightConfig {
        authors = List.copyOf(authors);
        readers = List.copyOf(readers);
        for (String principal : concat(authors, readers)) {
            if (!principal.matches("(group|user)/[A-Za-z0-9_.@+=,-]+")) {
                throw new IllegalArgumentException("QuickSight principal '" + principal + "' must be group/NAME or user/NAME");
            }
        }
        if (!prefix.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("tw.quicksight.prefix '" + prefix + "' must be letters, digits, - and _");
        }
    }

    public static List<String> principals(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static ImportMode importMode(String value) {
        try {
            return ImportMode.valueOf(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tw.quicksight.import-mode '" + value + "' must be DIRECT_QUERY or SPICE");
        }
    }

    public String dataSourceId() {
        return prefix + "-athena";
    }

    public String dataSetId(String mart) {
        return prefix + "-" + mart.replace('_', '-');
    }

    public String dashboardId(String dashboard) {
        return prefix + "-" + dashboard.replace('_', '-');
    }

    public String analysisId(String dashboard) {
        return dashboardId(dashboard) + "-analysis";
    }

    public String arn(String kind, String id) {
        return "arn:aws:quicksight:" + region + ":" + accountId + ":" + kind + "/" + id;
    }

    public String principalArn(String principal) {
        int slash = principal.indexOf('/');
        return "arn:aws:quicksight:" + region + ":" + accountId + ":" + principal.substring(0, slash) + "/" + namespace + principal.substring(slash);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
