package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;

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
}
