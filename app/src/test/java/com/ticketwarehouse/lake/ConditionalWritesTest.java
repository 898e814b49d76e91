package com.ticketwarehouse.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional writes, which keep two runners from taking one lease: a write names the version it
 * read, and of writers that read the same version exactly one writes. On a folder here; on S3 in
 * {@link S3ConditionalWritesTest}.
 */
class ConditionalWritesTest {
    @TempDir
    Path folder;

    ObjectStore store() {
        return new FolderStore(folder, ".writing-");
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_write_names_the_version_it_read_and_fails_when_another_came_first() {
        ObjectStore store = store();
        String key = "state/lease";
        Optional<String> created = store.writeIf(key, text("a"), null);
        assertThat(created).isPresent();
        assertThat(store.writeIf(key, text("b"), null)).as("created only where there is none").isEmpty();
        assertThat(store.readVersioned(key)).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(created.get()));

        Optional<String> replaced = store.writeIf(key, text("c"), created.get());
        assertThat(replaced).isPresent();
        assertThat(store.writeIf(key, text("d"), created.get())).as("a version that is no longer there").isEmpty();
        assertThat(store.read(key)).hasValueSatisfying(content -> assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("c"));
    }

    @Test
    void of_writers_that_read_the_same_version_exactly_one_writes() throws Exception {
        ObjectStore store = store();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String key = "state/race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<String>>> writes = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    byte[] content = text("writer " + writer);
                    writes.add(writers.submit(() -> {
                        go.await();
                        return store.writeIf(key, content, null);
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Optional<String>> write : writes) {
                    won += write.get().isPresent() ? 1 : 0;
                }
                assertThat(won).as("round " + round).isEqualTo(1);
            }
        } finally {
            writers.shutdownNow();
        }
    }
}
