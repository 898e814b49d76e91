package com.ticketwarehouse.lake;

/** One model: a table named after its file, made from the one SELECT the file holds. */
public record SqlModel(String layer, String name, String select) {
    public String file() {
        return "models/" + layer + "/" + name + ".sql";
    }
}
