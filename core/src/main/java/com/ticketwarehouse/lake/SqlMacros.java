package com.ticketwarehouse.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared definitions of models/macros.sql ({@code MACRO name(a, b) AS body;}), put in place
 * where a model calls one by name: the text both engines then run has no macro left in it. A macro's
 * body may call other macros (in any order of definition), but never, through them, itself.
 */
public final class SqlMacros {
    public static final String RESOURCE = "models/macros.sql";
    private static final Pattern DEFINITION = Pattern.compile("(?s)MACRO\\s+(\\w+)\\s*\\(([^)]*)\\)\\s+AS\\s+(.+)");

    /** A macro, with the patterns of a call of it and of its parameters in its body, compiled once: every model is expanded on every refresh. */
    private record Macro(List<String> parameters, String body, Pattern call, Pattern parameter) {
        Macro(String name, List<String> parameters, String body) {
            this(parameters, body, Pattern.compile("\\b" + name + "\\s*\\("),
                    Pattern.compile("\\b(" + String.join("|", parameters.stream().map(Pattern::quote).toList()) + ")\\b"));
        }
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
            macros.put(m.group(1), new Macro(m.group(1), List.of(m.group(2).trim().split("\\s*,\\s*")), m.group(3).strip()));
        }
        return macros;
    }

    /** The text with every call of a macro replaced by its body, its parameters by the call's arguments. */
    public static String expand(String sql) {
        String text = sql;
        // each pass puts in place the calls the bodies of the last one brought: as many passes as macros nest
        for (int pass = 0; pass <= MACROS.size(); pass++) {
            String before = text;
            for (Map.Entry<String, Macro> macro : MACROS.entrySet()) {
                text = expand(text, macro.getKey(), macro.getValue());
            }
            if (text.equals(before)) {
                return text;
            }
        }
        throw new IllegalStateException(RESOURCE + ": macros call each other in a cycle: " + text);
    }

    private static String expand(String sql, String name, Macro macro) {
        Matcher call = macro.call().matcher(sql);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (call.find(from)) {
            List<String> arguments = new ArrayList<>();
            int end = arguments(sql, call.end(), arguments);
            if (arguments.size() != macro.parameters().size()) {
                throw new IllegalStateException(name + " takes " + macro.parameters().size() + " arguments, not " + arguments.size() + ": "
                        + sql.substring(call.start(), end));
            }
            out.append(sql, from, call.start()).append(substitute(macro, arguments));
            from = end;
        }
        return out.append(sql.substring(from)).toString();
    }

    /** The body with each parameter replaced by its argument, all at once (an argument is never itself substituted). */
    private static String substitute(Macro macro, List<String> arguments) {
        Matcher parameter = macro.parameter().matcher(macro.body());
        return parameter.replaceAll(found -> Matcher.quoteReplacement(arguments.get(macro.parameters().indexOf(found.group(1)))));
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
