package com.ticketwarehouse.serve;

/**
 * QuickSight's calculated measures, as the project writes them, read back into DuckDB SQL the way
 * QuickSight evaluates them: {@code sumIf(x, c)} sums x over the rows where c holds, {@code now()}
 * is the time of the query. Written apart from the project's own SQL (MeasureSql) so that the two
 * are compared, not copied.
 */
final class QuickSightExpressions {
    private QuickSightExpressions() {
    }

    static String sql(String expression) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            int open = expression.indexOf('(', i);
            String before = open < 0 ? expression.substring(i) : expression.substring(i, open);
            java.util.regex.Matcher function = java.util.regex.Pattern.compile("([A-Za-z_]+)If$").matcher(before);
            if (open < 0 || !function.find()) {
                out.append(plain(open < 0 ? before : expression.substring(i, open + 1)));
                i = open < 0 ? expression.length() : open + 1;
                continue;
            }
            int close = closing(expression, open);
            String inside = expression.substring(open + 1, close);
            int comma = topLevelComma(inside);
            String aggregate = switch (function.group(1)) {
                case "distinct_count" -> "count(DISTINCT ";
                default -> function.group(1) + "(";
            };
            out.append(plain(before.substring(0, function.start()))).append(aggregate).append("CASE WHEN ")
                    .append(sql(inside.substring(comma + 1).trim())).append(" THEN ").append(sql(inside.substring(0, comma).trim()))
                    .append(" END)");
            i = close + 1;
        }
        return out.toString();
    }

    private static String plain(String text) {
        return text.replaceAll("\\{([a-z_0-9]+)}", "\"$1\"").replace("now()", "current_timestamp").replace("distinct_count(", "count(DISTINCT ");
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced: " + text);
    }

    private static int topLevelComma(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no condition: " + text);
    }
}
