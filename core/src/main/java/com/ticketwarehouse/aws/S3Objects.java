package com.ticketwarehouse.aws;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects of one bucket under key prefixes: listed, read, written and deleted in batches. */
public record S3Objects(S3Client s3, String bucket) {
    /** The most keys one DeleteObjects call takes. */
    public static final int DELETE_BATCH = 1000;

    /** Every key under the prefix, which must end with a slash so that {@code a/b/} never takes {@code a/bc}. */
    public List<String> keys(String prefix) {
        return keys(prefix, "");
    }

    /** The keys under the prefix that sort after {@code after} (every key when ""): S3 lists from there, not from the start. */
    public List<String> keys(String prefix, String after) {
        return keys(prefix, after, "");
    }

    /** Those of {@link #keys(String, String)} that sort before {@code before} (no bound when ""): no page after it is asked for. */
    public List<String> keys(String prefix, String after, String before) {
        requireFolder(prefix);
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).startAfter(after.isEmpty() ? null : after)).contents()) {
            if (!before.isEmpty() && object.key().compareTo(before) >= 0) {
                break;
            }
            keys.add(object.key());
        }
        return keys;
    }

    /** How many objects lie under the prefix, and their bytes. */
    public long[] usage(String prefix) {
        requireFolder(prefix);
        long[] usage = new long[2];
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(o -> {
            usage[0]++;
            usage[1] += o.size();
        });
        return usage;
    }

    public boolean any(String prefix) {
        requireFolder(prefix);
        List<S3Object> first = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).maxKeys(1)).contents();
        return !first.isEmpty();
    }

    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public void write(String key, byte[] content, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    /** An object and its ETag. */
    public record Tagged(byte[] content, String eTag) {
    }

    public Optional<Tagged> readTagged(String key) {
        try {
            var object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(new Tagged(object.asByteArray(), object.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * S3's conditional write: replaces the object only if its ETag is still that one (If-Match), or,
     * with none, creates it only if there is none (If-None-Match: *); answers the new ETag, or empty
     * when S3 refuses (412, or 409 when another conditional write to the key is under way).
     */
    public Optional<String> writeIf(String key, byte[] content, String contentType, String eTag) {
        try {
            return Optional.of(s3.putObject(r -> {
                r.bucket(bucket).key(key).contentType(contentType);
                if (eTag == null) {
                    r.ifNoneMatch("*");
                } else {
                    r.ifMatch(eTag);
                }
            }, RequestBody.fromBytes(content)).eTag());
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** An upload begun and never completed: on S3, the unfinished write (its parts are kept, unseen, until aborted). */
    public record Upload(String key, String uploadId, Instant initiated) {
    }

    public List<Upload> unfinishedUploads(String prefix) {
        requireFolder(prefix);
        List<Upload> uploads = new ArrayList<>();
        s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(prefix)).uploads()
                .forEach(u -> uploads.add(new Upload(u.key(), u.uploadId(), u.initiated())));
        return uploads;
    }

    public void abort(Upload upload) {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
    }

    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    /** Deletes everything under the prefix, a thousand keys a call; returns how many objects went. */
    public int deleteAll(String prefix) {
        List<String> keys = keys(prefix);
        for (int start = 0; start < keys.size(); start += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket)
                    .delete(Delete.builder().objects(batch).quiet(true).build()));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                var error = response.errors().get(0);
                throw new IllegalStateException("could not delete s3://" + bucket + "/" + error.key() + ": " + error.code() + " "
                        + error.message() + " (" + response.errors().size() + " keys not deleted)");
            }
        }
        return keys.size();
    }

    private static void requireFolder(String prefix) {
        if (prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("an S3 prefix must be a folder ending with '/': '" + prefix + "'");
        }
    }
}
