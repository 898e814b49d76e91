package com.ticketwarehouse.dashboards;

/** Labels from column names (venue_title becomes "Venue title") and ids from labels. */
final class Labels {
    private Labels() {
    }

    static String of(String column) {
        String words = column.replace('_', ' ').trim();
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String slug(String label) {
        return label.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
