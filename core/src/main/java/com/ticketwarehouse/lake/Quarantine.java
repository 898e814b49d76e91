package com.ticketwarehouse.lake;

/**
 * The quarantine model: the records the staging models could not type, left out of every other
 * table. Both lakes say how many there are after a transform and in their status.
 */
public final class Quarantine {
    public static final String TABLE = "quarantine";

    private Quarantine() {
    }

    public static String report(long records) {
        return records == 0 ? "quarantine: no records\n"
                : String.format("quarantine: %,d record%s could not be typed and %s left out; see them with"
                        + " ./tw query \"SELECT * FROM quarantine\" (a later good load of a record replaces it)%n",
                        records, records == 1 ? "" : "s", records == 1 ? "was" : "were");
    }
}
