package com.ticketwarehouse.simulator;

/**
 * Deterministic hashing and the identifiers derived from it. Identifiers that must be looked up again
 * (orders, events, Stripe objects) carry their index hidden in their bits, so no lookup table is needed:
 * decode the candidate index, regenerate the identifier and compare.
 */
final class Ids {
    private Ids() {
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int INDEX_BITS = 24;
    static final int MAX_INDEX = (1 << INDEX_BITS) - 1;
    private static final long INDEX_MASK = MAX_INDEX;

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long tag, long a) {
        long h = mix(seed + GOLDEN);
        h = mix(h ^ (tag + GOLDEN));
        return mix(h ^ (a + GOLDEN * 3));
    }

    static long hash(long seed, long tag, long a, long b) {
        return mix(hash(seed, tag, a) ^ (b + GOLDEN * 5));
    }

    static long hash(long seed, long tag, long a, long b, long c) {
        return mix(hash(seed, tag, a, b) ^ (c + GOLDEN * 7));
    }

    // ---- UUIDs ----------------------------------------------------------------------------------

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A version-4-looking UUID from two hash words. */
    static String uuid(long h1, long h2) {
        long msb = (h1 & ~0xF000L) | 0x4000L;
        long lsb = (h2 & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return format(msb, lsb);
    }

    static String uuid(long seed, long tag, long a, long b) {
        long h = hash(seed, tag, a, b);
        return uuid(h, mix(h ^ GOLDEN));
    }

    /** A UUID whose low bits hide {@code index} (0..MAX_INDEX); see {@link #uuidIndex}. */
    static String indexedUuid(long seed, long tag, int index) {
        long h = hash(seed, tag, 0x5EED);
        long msb = (mix(h ^ index * GOLDEN) & ~0xF000L) | 0x4000L;
        long lsb = mix(msb ^ h);
        lsb = (lsb & ~INDEX_MASK) | ((index ^ mix(msb + h)) & INDEX_MASK);
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return format(msb, lsb);
    }

    /** The index a UUID made by {@link #indexedUuid} would carry, or -1 when it is no UUID at all. */
    static int uuidIndex(long seed, long tag, String s) {
        if (s == null || s.length() != 36) {
            return -1;
        }
        long msb = 0;
        long lsb = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return -1;
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0) {
                return -1;
            }
            if (digits < 16) {
                msb = (msb << 4) | v;
            } else {
                lsb = (lsb << 4) | v;
            }
            digits++;
        }
        long h = hash(seed, tag, 0x5EED);
        return (int) ((lsb ^ mix(msb + h)) & INDEX_MASK);
    }

    static String format(long msb, long lsb) {
        char[] c = new char[36];
        int p = 0;
        for (int i = 15; i >= 0; i--) {
            if (p == 8 || p == 13) {
                c[p++] = '-';
            }
            c[p++] = HEX[(int) ((msb >>> (i * 4)) & 0xF)];
        }
        for (int i = 15; i >= 0; i--) {
            if (p == 18 || p == 23) {
                c[p++] = '-';
            }
            c[p++] = HEX[(int) ((lsb >>> (i * 4)) & 0xF)];
        }
        return new String(c);
    }

    // ---- Stripe ids ------------------------------------------------------------------------------

    private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /**
     * The sort key of a Stripe object: random-looking, unique per index, with the index recoverable.
     * The id string starts with this key in fixed-width base 62, so comparing ids as strings is the same
     * as comparing keys unsigned.
     */
    static long stripeKey(long seed, long tag, int index) {
        long h = hash(seed, tag, index);
        return (h & ~INDEX_MASK) | ((index ^ (h >>> 40)) & INDEX_MASK);
    }

    static int stripeKeyIndex(long key) {
        return (int) ((key ^ (key >>> 40)) & INDEX_MASK);
    }

    /** prefix + 11 base-62 characters of the key + 13 more random-looking ones (24 in all, like Stripe). */
    static String stripeId(String prefix, long key) {
        char[] c = new char[prefix.length() + 24];
        prefix.getChars(0, prefix.length(), c, 0);
        int p = prefix.length();
        base62(key, c, p, 11);
        long t = mix(key ^ GOLDEN);
        base62(t, c, p + 11, 11);
        long u = mix(t);
        c[p + 22] = B62[(int) Long.remainderUnsigned(u, 62)];
        c[p + 23] = B62[(int) Long.remainderUnsigned(u >>> 8, 62)];
        return new String(c);
    }

    /** The key at the start of a Stripe id with the given prefix, or null when it cannot be one. */
    static Long stripeIdKey(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 24 || !id.startsWith(prefix)) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < 11; i++) {
            int d = b62digit(id.charAt(prefix.length() + i));
            if (d < 0) {
                return null;
            }
            v = v * 62 + d; // wraps like unsigned arithmetic; a foreign id simply fails the re-check
        }
        return v;
    }

    private static int b62digit(char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'A' && ch <= 'Z') {
            return ch - 'A' + 10;
        }
        if (ch >= 'a' && ch <= 'z') {
            return ch - 'a' + 36;
        }
        return -1;
    }

    private static void base62(long v, char[] c, int off, int width) {
        for (int i = width - 1; i >= 0; i--) {
            c[off + i] = B62[(int) Long.remainderUnsigned(v, 62)];
            v = Long.divideUnsigned(v, 62);
        }
    }

    static String hex(long v, int chars) {
        char[] c = new char[chars];
        for (int i = chars - 1; i >= 0; i--) {
            c[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(c);
    }
}
