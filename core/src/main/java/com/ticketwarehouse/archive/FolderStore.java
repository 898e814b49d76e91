package com.ticketwarehouse.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The local lake's objects: files under its folder; an unfinished write is a hidden file, never listed. */
public final class FolderStore implements ArchiveStore {
    private final Path dir;

    public FolderStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<String> list(String folder) {
        Path root = dir.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(Files.newInputStream(dir.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Collection<String> keys) {
        try {
            for (String key : keys) {
                Files.deleteIfExists(dir.resolve(key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete from " + dir + ": " + e.getMessage(), e);
        }
    }
}
