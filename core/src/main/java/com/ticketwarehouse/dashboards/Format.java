package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How a value is shown: money in the configured currency, a ratio as a percent, a count, a date. */
public enum Format {
    @JsonProperty("money") MONEY,
    @JsonProperty("percent") PERCENT,
    @JsonProperty("integer") INTEGER,
    @JsonProperty("number") NUMBER,
    @JsonProperty("date") DATE,
    @JsonProperty("datetime") DATETIME,
    @JsonProperty("text") TEXT;

    public String key() {
        return name().toLowerCase();
    }

    /**
     * A value as text for people (the demo summary, a report; the pages format theirs in the
     * browser alike): $1,234.56, 79.5%, 1,234; an empty value (a rate of nothing) is a dash.
     *
     * @param value as the lake's CSV gives it
     */
    public String text(String value) {
        if (value == null || value.isEmpty()) {
            return "–";
        }
        DecimalFormat grouped = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return switch (this) {
            case MONEY -> {
                grouped.applyPattern("#,##0.00");
                BigDecimal amount = new BigDecimal(value).setScale(2, RoundingMode.HALF_UP);
                yield (amount.signum() < 0 ? "-$" : "$") + grouped.format(amount.abs());
            }
            case PERCENT -> new BigDecimal(value).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
            case INTEGER -> grouped.format(new BigDecimal(value));
            default -> value;
        };
    }
}
