package com.ticketwarehouse.archive;


import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content fingerprint of each record that complete runs archived, by record id, so that a run
 * archives only what is new or changed: a sync that finds nothing new adds (close to) nothing,
 * while every distinct version of a record is still archived once, by the run that first saw it.
 *
 * <p>A fingerprint is 16 bytes: a 64-bit hash of the record's id and one of its content without
 * {@link RecordFields#FETCHED_AT} (which changes at every fetch). They are kept as state files of the
 * lake ({@code state/fingerprints/<source>/<entity>/<scope>.bin}), a scope being a Ticketsauce event
 * for its orders and check-ins, the created month of a Stripe object, else the whole entity, so that
 * a run holds in memory only the scopes it meets. A run reads a scope when it first meets it and
 * writes the scopes it changed only once its manifest says complete: a failed or killed run never
 * marks what it archived as kept, so the next run archives it again.
 */
public final class Fingerprints {
    static final String FOLDER = "fingerprints", CHANGES = "changes";
    /** The folders under {@code state/} a load writes (the scopes' fingerprints, and which run last changed each entity). */
    public static final List<String> STATE_FOLDERS = List.of(FOLDER, CHANGES);
    /** Where each entity's record id is (a path of field names); an entity not named here has a top-level {@code id}. */
    private static final Map<String, List<String>> ID_PATHS = Map.of(
            "ticketsauce/events", List.of("Event", "id"),
            "ticketsauce/orders", List.of("Order", "id"),
            // a check-in is only the pair of ids: the record is its own id
            "ticketsauce/checkins", List.of());
    private static final List<String> TOP_LEVEL_ID = List.of("id");
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final StateFiles store;
    private final Map<String, Map<String, Scope>> runs = new ConcurrentHashMap<>();

    public Fingerprints(StateFiles store) {
        this.store = store;
    }

    void begin(LoadRun run) {
        runs.put(run.id(), new ConcurrentHashMap<>());
    }

    /**
     * The records of a page whose content no complete run archived under their id, nor this run
     * already: those to archive.
     *
     * @param eventId the Ticketsauce event whose orders or check-ins these are; null for other lists
     */
    List<byte[]> unseen(LoadRun run, String source, String entity, String eventId, List<byte[]> records) {
        Map<String, Scope> scopes = runs.get(run.id());
        if (scopes == null) {
            throw new IllegalStateException("the fingerprints of run " + run.id() + " are not open");
        }
        String name = source + "/" + entity;
        List<String> idPath = ID_PATHS.getOrDefault(name, TOP_LEVEL_ID);
        List<byte[]> unseen = new ArrayList<>(records.size());
        for (byte[] record : records) {
            int content = RecordFields.stampLength(record);
            long hash = hash(record, content, record.length);
            String id = idPath.isEmpty() ? null : RecordFields.scalarAt(record, idPath);
            if (!idPath.isEmpty() && id == null) {
                // a record without its id cannot be matched: archived, and staging says what it lacks
                unseen.add(record);
                continue;
            }
            long idHash = id == null ? hash : hash(id);
            String file = FOLDER + "/" + name + "/" + scope(eventId, record) + ".bin";
            if (scopes.computeIfAbsent(file, this::read).sawFirst(idHash, hash)) {
                unseen.add(record);
            }
        }
        return unseen;
    }

    /**
     * Once the run is complete: merges what it archived into the scopes' files as they are now
     * (another run may have written them meanwhile) and writes each whole. A lost write only makes
     * a later run archive a version again, which staging takes once.
     */
    void keep(LoadRun run) {
        Map<String, Scope> scopes = runs.remove(run.id());
        if (scopes == null) {
            return;
        }
        java.util.Set<String> changedEntities = new java.util.TreeSet<>();
        for (Map.Entry<String, Scope> scope : new TreeMap<>(scopes).entrySet()) {
            if (!scope.getValue().changed.isEmpty()) {
                store.writeState(scope.getKey(), read(scope.getKey()).with(scope.getValue().changed));
                changedEntities.add(scope.getKey().substring(FOLDER.length() + 1, scope.getKey().lastIndexOf('/')));
            }
        }
        changedEntities.forEach(entity -> store.writeState(CHANGES + "/" + entity, run.id().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The last complete run that archived a new or changed record of the entity ({@code source/entity}),
     * or empty where none did: what is derived from the entity changes only after such a run.
     */
    public static java.util.Optional<String> lastChange(StateFiles state, String entity) {
        return state.readState(CHANGES + "/" + entity).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** A run that did not complete: what it archived is not kept as seen. */
    void forget(LoadRun run) {
        runs.remove(run.id());
    }

    private static String scope(String eventId, byte[] record) {
        if (eventId != null) {
            return "event=" + safe(eventId);
        }
        String created = RecordFields.scalarAt(record, List.of("created"));
        return created == null || !created.matches("-?\\d{1,12}") ? "all" : "created=" + Instant.ofEpochSecond(Long.parseLong(created)).atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
    }

    /** An id as a file name: as it is where that is safe, else its hash. */
    private static String safe(String id) {
        return id.matches("[A-Za-z0-9_-]{1,100}") ? id : HexFormat.of().toHexDigits(hash(id));
    }

    private Scope read(String file) {
        return store.readState(file).map(Scope::of).orElseGet(() -> Scope.of(new byte[0]));
    }

    private static long hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return hash(bytes, 0, bytes.length);
    }

    private static long hash(byte[] bytes, int from, int to) {
        MessageDigest md5 = MD5.get();
        md5.update(bytes, from, to - from);
        return ByteBuffer.wrap(md5.digest()).getLong();
    }

    /** The fingerprints of one scope as stored (sorted by id hash), and those this run changed. */
    private static final class Scope {
        final long[] ids;
        final long[] hashes;
        final Map<Long, Long> changed = new ConcurrentHashMap<>();

        private Scope(long[] ids, long[] hashes) {
            this.ids = ids;
            this.hashes = hashes;
        }

        static Scope of(byte[] file) {
            ByteBuffer buffer = ByteBuffer.wrap(file);
            int n = file.length / 16;
            long[] ids = new long[n], hashes = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = buffer.getLong();
                hashes[i] = buffer.getLong();
            }
            return new Scope(ids, hashes);
        }

        /** Whether this content of the id is new (then noted as changed); true for one thread only. */
        boolean sawFirst(long id, long hash) {
            int at = Arrays.binarySearch(ids, id);
            if (at >= 0 && hashes[at] == hash && !changed.containsKey(id)) {
                return false;
            }
            Long before = changed.put(id, hash);
            return before == null || before != hash;
        }

        /** The stored fingerprints with the changes applied, as a file. */
        byte[] with(Map<Long, Long> changes) {
            TreeMap<Long, Long> all = new TreeMap<>(changes);
            for (int i = 0; i < ids.length; i++) {
                all.putIfAbsent(ids[i], hashes[i]);
            }
            ByteBuffer file = ByteBuffer.allocate(all.size() * 16);
            all.forEach((id, hash) -> file.putLong(id).putLong(hash));
            return file.array();
        }
    }
}
