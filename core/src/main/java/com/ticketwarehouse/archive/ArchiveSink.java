package com.ticketwarehouse.archive;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stores objects through the archive sink route ({@code direct:archive-write}, whose endpoint is
 * {@code tw.archive.uri}: a folder or S3), from whichever thread: the load's, its heartbeat's or
 * Ctrl-C's. The key is given both as a file name and as an S3 key so that either sink takes the
 * same message.
 */
public final class ArchiveSink {
    static final String ROUTE = "direct:archive-write", FILE_NAME = Exchange.FILE_NAME, S3_KEY = "CamelAwsS3Key",
            LOCAL_WORK_PATH = "CamelFileLocalWorkPath";

    private final CamelContext camel;
    private ProducerTemplate template;

    public ArchiveSink(CamelContext camel) {
        this.camel = camel;
    }

    void store(String key, byte[] content) {
        send(key, content, content.length, null);
    }

    /**
     * Stores a finished spool file as the object, and removes it: a folder sink renames it into
     * place (the local work path), S3 uploads it. (aws2-s3's deleteAfterWrite skips an upload
     * smaller than a multipart part, so the file is deleted here.)
     */
    void store(String key, Path file, long size) {
        send(key, file.toFile(), size, file.toString());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the spool file " + file + " once stored: " + e.getMessage(), e);
        }
    }

    private void send(String key, Object body, long size, String localWorkPath) {
        Exchange written = template().send(ROUTE, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(FILE_NAME, key);
            e.getMessage().setHeader(S3_KEY, key);
            e.getMessage().setHeader(Exchange.CONTENT_LENGTH, size);
            if (localWorkPath != null) {
                e.getMessage().setHeader(LOCAL_WORK_PATH, localWorkPath);
            }
        });
        if (written.getException() != null) {
            throw new IllegalStateException("cannot store " + key + " in the archive: " + Failures.oneLine(written.getException()),
                    written.getException());
        }
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }
}
