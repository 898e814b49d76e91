package com.ticketwarehouse.lake;

import com.ticketwarehouse.aws.S3Objects;

import java.util.List;
import java.util.Optional;

/**
 * A lake's objects in an S3 bucket under a prefix; every key it touches lies under that prefix.
 *
 * @param base the folder of the bucket the lake lives under: empty or ending with a slash
 */
public record S3Store(S3Objects s3, String base) implements ObjectStore {
    @Override
    public String location(String key) {
        return "s3://" + s3.bucket() + "/" + base + key;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return s3.read(base + key);
    }

    @Override
    public void write(String key, byte[] content) {
        s3.write(base + key, content, contentType(key));
    }

    private static String contentType(String key) {
        return key.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    @Override
    public Optional<Versioned> readVersioned(String key) {
        return s3.readTagged(base + key).map(object -> new Versioned(object.content(), object.eTag()));
    }

    @Override
    public Optional<String> writeIf(String key, byte[] content, String version) {
        return s3.writeIf(base + key, content, contentType(key), version);
    }

    @Override
    public void delete(String key) {
        s3.delete(base + key);
    }

    @Override
    public List<String> keys(String folder, String after, String before) {
        return s3.keys(base + folder, after.isEmpty() ? "" : base + after, before.isEmpty() ? "" : base + before).stream()
                .map(k -> k.substring(base.length())).toList();
    }

    @Override
    public boolean any(String folder) {
        return s3.any(base + folder);
    }

    @Override
    public Usage usage(String folder) {
        long[] usage = s3.usage(base + folder);
        return new Usage(usage[0], usage[1]);
    }

    @Override
    public int deleteAll(String folder) {
        return s3.deleteAll(base + folder);
    }

    @Override
    public List<UnfinishedWrite> unfinishedWrites(String folder, String after) {
        return s3.unfinishedUploads(base + folder).stream()
                .map(u -> new UnfinishedWrite(u.key().substring(base.length()), u.initiated(), u.uploadId()))
                .filter(w -> w.key().compareTo(after) > 0).toList();
    }

    @Override
    public void remove(UnfinishedWrite write) {
        s3.abort(new S3Objects.Upload(base + write.key(), write.handle(), write.began()));
    }
}
