package com.ticketwarehouse.aws;

import com.ticketwarehouse.archive.ArchiveStore;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The aws lake's objects: the keys under its prefix in the bucket (an unfinished upload is never listed). */
public final class S3ArchiveStore implements ArchiveStore {
    private final S3Objects s3;
    private final String base;

    /** @param base the lake's prefix in the bucket, empty or ending with '/' */
    public S3ArchiveStore(S3Objects s3, String base) {
        this.s3 = s3;
        this.base = base;
    }

    @Override
    public List<String> list(String folder) {
        return s3.keys(base + folder).stream().map(k -> k.substring(base.length())).sorted().toList();
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(s3.open(base + key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(Collection<String> keys) {
        s3.delete(keys.stream().map(k -> base + k).toList());
    }
}
