package com.ticketwarehouse.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared definitions of models/macros.sql ({@code MACRO name(a, b) AS body;}), put in place
 * where a model calls one by name: the text both engines then run has no macro left in it.
 */
public final class SqlMacros {
    public static final String RESOURCE = "models/macros.sql";
    private static final Pattern DEFINITION = Pattern.compile("(?s)MACRO\\s+(\\w+)\\s*\\(([^)]*)\\)\\s+AS\\s+(.+)");

    private record Macro(List<String> parameters, String body) {
    }

    private static final Map<String, Macro> MACROS = parse(SqlModels.resource(RESOURCE));

    private SqlMacros() {
    }

    static Map<String, Macro> parse(String text) {
        Map<String, Macro> macros = new LinkedHashMap<>();
        for (String statement : text.replaceAll("(?m)^\\s*--.*$", "").split(";\\s*(\\n|$)")) {
            if (statement.isBlank()) {
                continue;
            }
            Matcher m = DEFINITION.matcher(statement.strip());
            if (!m.matches()) {
                throw new IllegalStateException(RESOURCE + " holds something that is not MACRO name(parameters) AS body: " + statement.strip());
            }
            macros.put(m.group(1), new Macro(List.of(m.group(2).trim().split("\\s*,\\s*")), m.group(3).strip()));
        }
        return macros;
    }

    /** The text with every call of a macro replaced by its body, its parameters by the call's arguments. */
    public static String expand(String sql) {
        String text = sql;
        for (Map.Entry<String, Macro> macro : MACROS.entrySet()) {
            text = expand(text, macro.getKey(), macro.getValue());
        }
        return text;
    }

    private static String expand(String sql, String name, Macro macro) {
        Matcher call = Pattern.compile("\\b" + name + "\\s*\\(").matcher(sql);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (call.find(from)) {
            List<String> arguments = new ArrayList<>();
            int end = arguments(sql, call.end(), arguments);
            if (arguments.size() != macro.parameters().size()) {
                throw new IllegalStateException(name + " takes " + macro.parameters().size() + " arguments, not " + arguments.size() + ": "
                        + sql.substring(call.start(), end));
            }
            String body = macro.body();
            for (int i = 0; i < arguments.size(); i++) {
                body = body.replaceAll("\\b" + Pattern.quote(macro.parameters().get(i)) + "\\b", Matcher.quoteReplacement(arguments.get(i)));
            }
            out.append(sql, from, call.start()).append(body);
            from = end;
        }
        return out.append(sql.substring(from)).toString();
    }

    /** Reads the arguments from just after the opening parenthesis; returns where the call ends. */
    private static int arguments(String sql, int start, List<String> arguments) {
        int depth = 0, argument = start;
        for (int i = start; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ')' || (c == ',' && depth == 0)) {
                arguments.add(sql.substring(argument, i).strip());
                argument = i + 1;
                if (c == ')') {
                    return i + 1;
                }
            }
        }
        throw new IllegalStateException("a macro call is not closed: " + sql.substring(start));
    }
}
