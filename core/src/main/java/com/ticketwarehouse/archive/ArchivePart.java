package com.ticketwarehouse.archive;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One archive object being written: gzip JSON lines appended page by page to a hidden spool file,
 * which becomes the object only once it is whole ({@link #finish}). Used by one thread at a time.
 */
final class ArchivePart {
    private final String key;
    private final Path spool;
    private final Compressed compressed;
    private final GZIPOutputStream gzip;
    private long counted;

    /** @param key the object's key once finished; @param spool the hidden file it is written to meanwhile */
    ArchivePart(String key, Path spool) {
        this.key = key;
        this.spool = spool;
        try {
            Files.createDirectories(spool.getParent());
            compressed = new Compressed(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16));
            // the fastest level: the archive is written once per load and read a few times, so speed wins
            gzip = new GZIPOutputStream(compressed, 1 << 16) {{ def.setLevel(Deflater.BEST_SPEED); }};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive spool file " + spool + ": " + e.getMessage(), e);
        }
    }

    void append(List<byte[]> lines) {
        try {
            for (byte[] line : lines) {
                gzip.write(line);
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive spool file " + spool + ": " + e.getMessage(), e);
        }
    }

    /** Gzip bytes written so far (the deflater holds back at most its window). */
    long size() {
        return compressed.count;
    }

    /** Gzip bytes written since the last call: the run counts them as they are written, to show progress. */
    long uncounted() {
        long now = compressed.count;
        long delta = now - counted;
        counted = now;
        return delta;
    }

    String key() {
        return key;
    }

    Path spool() {
        return spool;
    }

    /** Ends the gzip stream; the spool file is then a whole object, ready to be stored. @return its size */
    long finish() {
        try {
            gzip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the archive spool file " + spool + ": " + e.getMessage(), e);
        }
        return compressed.count;
    }

    /** Drops an object that will never be stored. */
    void discard() {
        try {
            gzip.close();
        } catch (IOException ignored) {
            // the file is removed either way
        }
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Compressed extends FilterOutputStream {
        long count;

        Compressed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
