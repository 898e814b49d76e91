package com.ticketwarehouse.archive;

import org.apache.camel.component.file.GenericFileOperationFailedException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What went wrong, in one line, from under the layers Camel wraps around it (multicast, split, redelivery). */
public final class Failures {
    private static final String CANNOT_STORE = "Cannot store file: ";

    private Failures() {
    }

    public static String oneLine(Throwable failure) {
        Throwable reason = null;
        String file = null;
        IOException io = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "cannot reach the API (" + firstLine(t.getMessage()) + "): check TICKETSAUCE_BASE_URL, STRIPE_BASE_URL and the network";
            }
            if (reason == null && t.getMessage() != null && !t.getClass().getName().startsWith("org.apache.camel.")) {
                reason = t;
            }
            if (file == null && t instanceof GenericFileOperationFailedException && t.getMessage() != null && t.getMessage().startsWith(CANNOT_STORE)) {
                file = t.getMessage().substring(CANNOT_STORE.length());
            }
            if (io == null && t instanceof IOException e) {
                io = e;
            }
        }
        if (io instanceof FileSystemException f && f.getFile() != null) {
            file = f.getFile();
        }
        if (file != null && io != null) {
            return "cannot write " + file + ": " + whyNotWritten(Path.of(file), io);
        }
        Throwable shown = reason == null ? failure : reason;
        return firstLine(shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage());
    }

    /**
     * Why a file could not be written, in the words a user acts on: read-only file system,
     * permission denied, disk full. Camel's file producer does not say when it could not make the
     * file's folder (the write then finds no folder), so then the nearest folder that exists is asked.
     */
    static String whyNotWritten(Path file, IOException failure) {
        String system = failure instanceof FileSystemException f ? f.getReason()
                : failure instanceof FileNotFoundException && failure.getMessage() != null && failure.getMessage().endsWith(")")
                ? failure.getMessage().substring(failure.getMessage().lastIndexOf('(') + 1, failure.getMessage().length() - 1)
                : failure.getMessage();
        if (system == null && failure instanceof AccessDeniedException) {
            system = "Permission denied";
        }
        if (system == null || system.contains(file.toString())) {
            system = diagnose(file);
        }
        return switch (system.toLowerCase(Locale.ROOT)) {
            case "no space left on device" -> "disk full (no space left on device)";
            case "disk quota exceeded" -> "disk quota exceeded";
            case "not a directory" -> "part of its path is a file, not a folder";
            default -> system.substring(0, 1).toLowerCase(Locale.ROOT) + system.substring(1);
        };
    }

    private static String diagnose(Path file) {
        Path existing = file.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "its folder does not exist";
        }
        if (!Files.isDirectory(existing)) {
            return existing + " is a file, not a folder";
        }
        try {
            FileStore store = Files.getFileStore(existing);
            if (store.isReadOnly()) {
                return "read-only file system";
            }
            if (!Files.isWritable(existing)) {
                return "permission denied on " + existing;
            }
            if (store.getUsableSpace() == 0) {
                return "no space left on device";
            }
        } catch (IOException e) {
            return "its folder cannot be read (" + e.getMessage() + ")";
        }
        return "its folder could not be made under " + existing;
    }

    public static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
