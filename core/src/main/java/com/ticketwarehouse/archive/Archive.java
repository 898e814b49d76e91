package com.ticketwarehouse.archive;

import org.apache.camel.Exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Turns records into archive objects: gzip JSON lines under
 * {@code raw/<source>/<entity>/load_date=<day>/run_id=<run>/<part>.json.gz}. It only names and
 * encodes; the configured sink endpoint (a folder or S3) stores. The key is given both as a file
 * name and as an S3 key so that either sink takes the same message.
 */
public final class Archive {
    public static final String RAW = "raw", MANIFESTS = "manifests", STATE = "state";
    /** How many records the object holds: lists skip storing empty pages. */
    public static final String RECORDS = "twRecords";
    static final String FILE_NAME = Exchange.FILE_NAME, S3_KEY = "CamelAwsS3Key";

    private final String prefix;

    /** @param prefix prepended to every key (empty locally; a folder in the bucket on AWS) */
    public Archive(String prefix) {
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("/+$", "") + "/";
    }

    public static String rawKey(LoadRun run, String source, String entity, String part) {
        return RAW + "/" + source + "/" + entity + "/load_date=" + run.loadDate() + "/run_id=" + run.id() + "/" + part + ".json.gz";
    }

    public static String manifestKey(LoadRun run) {
        return MANIFESTS + "/run_id=" + run.id() + "/manifest.json";
    }

    /** Makes the exchange an archive object of these records; counts them in the run. */
    public void records(Exchange exchange, LoadRun run, String source, String entity, String part, List<byte[]> records) {
        byte[] gzip = jsonLinesGzip(records);
        run.countFile(source, entity, records.size(), gzip.length);
        object(exchange, rawKey(run, source, entity, part), gzip);
        exchange.getMessage().setHeader(RECORDS, records.size());
    }

    public void manifest(Exchange exchange, LoadRun run) {
        object(exchange, manifestKey(run), run.manifestJson());
    }

    private void object(Exchange exchange, String key, byte[] content) {
        exchange.getMessage().setBody(content);
        exchange.getMessage().setHeader(FILE_NAME, prefix + key);
        exchange.getMessage().setHeader(S3_KEY, prefix + key);
        exchange.getMessage().setHeader(Exchange.CONTENT_LENGTH, (long) content.length);
    }

    static byte[] jsonLinesGzip(List<byte[]> records) {
        int size = records.stream().mapToInt(r -> r.length + 1).sum();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(size / 4 + 64);
        // the fastest level: the archive is written once per load and read a few times, so speed wins
        try (OutputStream out = new GZIPOutputStream(buffer, 65536) {{ def.setLevel(Deflater.BEST_SPEED); }}) {
            for (byte[] record : records) {
                out.write(record);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
