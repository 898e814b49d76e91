package com.ticketwarehouse.testing;

/** What a test class started, stopped after it: each in turn, those never started (null) passed over. */
public final class Closing {
    private Closing() {
    }

    public static void all(AutoCloseable... started) throws Exception {
        for (AutoCloseable closeable : started) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }
}
