package com.ticketwarehouse.benchmark;

import com.ticketwarehouse.lake.ObjectStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An object store that counts what is asked of it as S3 would bill it (a listing is a LIST per
 * 1,000 keys), so that a folder lake shows the requests the same work makes on a bucket.
 */
final class CountingStore implements ObjectStore {
    private final ObjectStore store;
    private final Map<String, Long> requests = new TreeMap<>();

    CountingStore(ObjectStore store) {
        this.store = store;
    }

    /** The requests so far by kind: DELETE, GET, LIST, PUT. */
    synchronized Map<String, Long> requests() {
        return Map.copyOf(requests);
    }

    private synchronized void count(String kind, long n) {
        requests.merge(kind, n, Long::sum);
    }

    private <T extends List<?>> T listed(T keys) {
        count("LIST", Math.max(1, (keys.size() + 999) / 1000));
        return keys;
    }

    @Override
    public String location(String key) {
        return store.location(key);
    }

    @Override
    public Optional<byte[]> read(String key) {
        count("GET", 1);
        return store.read(key);
    }

    @Override
    public void write(String key, byte[] content) {
        count("PUT", 1);
        store.write(key, content);
    }

    @Override
    public void delete(String key) {
        count("DELETE", 1);
        store.delete(key);
    }

    @Override
    public Optional<Versioned> readVersioned(String key) {
        count("GET", 1);
        return store.readVersioned(key);
    }

    @Override
    public Optional<String> writeIf(String key, byte[] content, String version) {
        count("PUT", 1);
        return store.writeIf(key, content, version);
    }

    @Override
    public List<String> keys(String folder, String after, String before) {
        return listed(store.keys(folder, after, before));
    }

    @Override
    public boolean any(String folder) {
        count("LIST", 1);
        return store.any(folder);
    }

    @Override
    public Usage usage(String folder) {
        Usage usage = store.usage(folder);
        count("LIST", Math.max(1, (usage.objects() + 999) / 1000));
        return usage;
    }

    @Override
    public int deleteAll(String folder) {
        count("LIST", 1);
        int deleted = store.deleteAll(folder);
        count("DELETE", (deleted + 999) / 1000);
        return deleted;
    }

    @Override
    public List<UnfinishedWrite> unfinishedWrites(String folder, String after) {
        return listed(store.unfinishedWrites(folder, after));
    }

    @Override
    public void remove(UnfinishedWrite write) {
        count("DELETE", 1);
        store.remove(write);
    }
}
