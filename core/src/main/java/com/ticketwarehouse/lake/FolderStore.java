package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.RunLiveness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A lake's files in a local folder. An unfinished write is a hidden file under the temporary
 * prefix (tw.archive.temp-prefix), which no reader takes; a write is finished by moving it into place.
 */
public record FolderStore(Path dir, String tempPrefix) implements ObjectStore {
    @Override
    public String location(String key) {
        return dir.resolve(key).toString();
    }

    @Override
    public Optional<byte[]> read(String key) {
        Path file = dir.resolve(key);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written aside as an unfinished (hidden) write, then moved into place whole. */
    @Override
    public void write(String key, byte[] content) {
        Path file = dir.resolve(key);
        try {
            Files.createDirectories(file.getParent());
            // the name says which process writes it: a leftover of one that was killed can be removed (LakeFiles)
            Path temp = Files.createTempFile(file.getParent(), tempPrefix + RunLiveness.writerTag() + "-", ".tmp");
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Versioned> readVersioned(String key) {
        return read(key).map(content -> new Versioned(content, digest(content)));
    }

    /**
     * Compares and writes while holding a lock on a hidden file beside the object: the operating
     * system's lock keeps other processes out, the monitor other threads of this one (a JVM may
     * hold a file's lock only once).
     */
    @Override
    public Optional<String> writeIf(String key, byte[] content, String version) {
        Path file = dir.resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Path lock = file.resolveSibling(tempPrefix + file.getFileName() + ".lock");
            synchronized (FolderStore.class) {
                try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = channel.lock()) {
                    if (!Objects.equals(readVersioned(key).map(Versioned::version).orElse(null), version)) {
                        return Optional.empty();
                    }
                    write(key, content);
                    return Optional.of(digest(content));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> keys(String folder, String after, String before) {
        return filesBetween(folder, after, before, false).stream().map(this::key).toList();
    }

    @Override
    public boolean any(String folder) {
        return !keys(folder).isEmpty();
    }

    @Override
    public Usage usage(String folder) {
        long bytes = 0;
        List<Path> files = files(folder, false);
        for (Path file : files) {
            bytes += file.toFile().length();
        }
        return new Usage(files.size(), bytes);
    }

    /** Deletes the folder with everything in it; returns how many files went. */
    @Override
    public int deleteAll(String folder) {
        Path root = dir.resolve(folder);
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
            return (int) all.stream().filter(p -> !Files.isDirectory(p)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<UnfinishedWrite> unfinishedWrites(String folder, String after) {
        List<UnfinishedWrite> writes = new ArrayList<>();
        for (Path file : filesBetween(folder, after, "", true)) {
            try {
                writes.add(new UnfinishedWrite(key(file), Files.getLastModifiedTime(file).toInstant(), file.toString()));
            } catch (NoSuchFileException finishedMeanwhile) {
                // a write of a run still at work was renamed into place since the listing: it is no longer unfinished
            } catch (IOException e) {
                throw new LakeException("cannot list the unfinished writes under " + dir.resolve(folder) + ": " + e);
            }
        }
        return writes;
    }

    @Override
    public boolean writesAside() {
        return true;
    }

    /** A rename: the folder is under its old key or its new one, never half moved. */
    @Override
    public boolean moveFolder(String folder, String to) {
        Path target = dir.resolve(to);
        try {
            Files.createDirectories(target.getParent());
            Files.move(dir.resolve(folder), target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException taken) {
            return false;
        } catch (IOException e) {
            throw new LakeException("cannot move " + dir.resolve(folder) + " to " + target + ": " + e);
        }
    }

    @Override
    public void remove(UnfinishedWrite write) {
        try {
            Files.deleteIfExists(Path.of(write.handle()));
        } catch (IOException e) {
            throw new LakeException("cannot remove the unfinished write " + write.handle() + ": " + e);
        }
    }

    /**
     * The finished (or unfinished) files under a folder whose keys sort after {@code after} and before
     * {@code before} (no bound when ""): only the folder's entries that can hold such a key are walked,
     * so a folder of many runs is not read whole.
     */
    private List<Path> filesBetween(String folder, String after, String before, boolean unfinished) {
        if (after.isEmpty() && before.isEmpty()) {
            return files(folder, unfinished);
        }
        Path root = dir.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.filter(e -> (key(e) + "/\uffff").compareTo(after) > 0 && (before.isEmpty() || key(e).compareTo(before) < 0))
                    .sorted().toList()) {
                List<Path> files = Files.isDirectory(entry) ? files(key(entry) + "/", unfinished)
                        : entry.getFileName().toString().startsWith(tempPrefix) == unfinished ? List.of(entry) : List.of();
                files.stream().filter(f -> key(f).compareTo(after) > 0 && (before.isEmpty() || key(f).compareTo(before) < 0)).forEach(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private List<Path> files(String folder, boolean unfinished) {
        Path root = dir.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().startsWith(tempPrefix) == unfinished)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String key(Path file) {
        return dir.relativize(file).toString().replace(File.separatorChar, '/');
    }
}
