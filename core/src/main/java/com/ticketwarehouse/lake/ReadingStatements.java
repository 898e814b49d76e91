package com.ticketwarehouse.lake;

import java.util.List;
import java.util.Locale;

/**
 * What {@code query} runs: one statement that only reads. The lake changes only through the
 * commands made for it (load, crawl, transform, purge). This is the check of the statement's
 * kind by its first word (after comments, and after EXPLAIN [ANALYZE]); each engine adds its own
 * guard behind it (DuckDB: a read-only connection and its own parser; Athena: this alone).
 */
public final class ReadingStatements {
    /** The statements that read, in Athena's and DuckDB's dialects. */
    static final List<String> READING = List.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE", "FROM", "SUMMARIZE");

    private ReadingStatements() {
    }

    /** Throws, in one line, unless the text is one statement that only reads. */
    public static void require(String sql) {
        String statement = withoutExplain(sql);
        String first = firstWord(statement);
        if (!READING.contains(first)) {
            throw refused(sql);
        }
        if (hasSecondStatement(statement)) {
            throw new LakeException("query runs one statement, and this text holds more than one: run them one at a time");
        }
    }

    /** The refusal of a statement that would change the lake: one line that says what to use instead. */
    static LakeException refused(String sql) {
        String first = firstWord(withoutExplain(sql));
        return new LakeException("query only reads: " + (first.isEmpty() ? "this statement is" : first + " statements are")
                + " refused and the lake is unchanged (load, crawl, transform and purge are the commands that change it)");
    }

    /** The statement an EXPLAIN [ANALYZE] [VERBOSE] [(options)] is about, or the text itself. */
    static String withoutExplain(String sql) {
        String rest = skipComments(sql, 0);
        if (!firstWord(rest).equals("EXPLAIN")) {
            return rest;
        }
        rest = skipComments(rest, "EXPLAIN".length());
        for (String word : List.of("ANALYZE", "ANALYSE", "VERBOSE")) {
            if (firstWord(rest).equals(word)) {
                rest = skipComments(rest, word.length());
            }
        }
        if (rest.startsWith("(")) {
            int close = rest.indexOf(')');
            rest = close < 0 ? "" : skipComments(rest, close + 1);
        }
        return withoutExplain(rest);
    }

    static String firstWord(String sql) {
        String text = skipComments(sql, 0);
        while (text.startsWith("(")) {
            text = skipComments(text, 1);
        }
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /** The text from {@code from} on, without leading blanks and comments. */
    private static String skipComments(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? sql.length() : newline + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
            } else {
                break;
            }
        }
        return sql.substring(i);
    }

    /** Whether a ';' outside quotes and comments is followed by more than blanks, comments and ';'. */
    static boolean hasSecondStatement(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfQuoted(sql, i);
            } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                String rest = skipComments(sql, i);
                i = sql.length() - rest.length();
            } else if (c == ';') {
                String rest = skipComments(sql, i + 1);
                while (rest.startsWith(";")) {
                    rest = skipComments(rest, 1);
                }
                return !rest.isEmpty();
            } else {
                i++;
            }
        }
        return false;
    }

    /** The index after a quoted string or name opened at {@code open}; a doubled quote inside it is part of it. */
    private static int endOfQuoted(String sql, int open) {
        char quote = sql.charAt(open);
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
