package com.ticketwarehouse.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The lake's small state files under {@code state/} (local or on S3), as the archive's parts keep theirs. */
public interface StateFiles {
    ObjectMapper JSON = new ObjectMapper();

    Optional<byte[]> readState(String name);

    /** Replaces the file whole: a reader sees the old content or the new, never a part. */
    void writeState(String name, byte[] content);

    /** A state file of one JSON object; an empty one when there is none, or none that can be read (a file cut short is no state). */
    default ObjectNode readJsonState(String name) {
        return readState(name).map(bytes -> {
            try {
                return JSON.readTree(bytes) instanceof ObjectNode object ? object : JSON.createObjectNode();
            } catch (IOException unreadable) {
                return JSON.createObjectNode();
            }
        }).orElseGet(JSON::createObjectNode);
    }

    default void writeJsonState(String name, JsonNode json) {
        try {
            writeState(name, JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
