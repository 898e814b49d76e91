package com.ticketwarehouse.archive;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive through a real Camel file sink, as the local target writes it. */
class ArchiveTest {
    static final String TEMP = ".writing-";

    @TempDir
    Path lake;
    CamelContext camel;

    @BeforeEach
    void sink() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ArchiveSink.ROUTE).to("file:" + lake + "?tempPrefix=" + TEMP + "&fileExist=TryRename");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    Archive archive(long rollBytes, Archive.Spool spool) {
        return new Archive("", spool, TEMP, rollBytes, new ArchiveSink(camel));
    }

    static LoadRun run() {
        return new LoadRun(Instant.now(), "all", TimeRange.of("all", LocalDate.now(), null, null));
    }

    /** Pages of distinct records: page p holds records p*1000 .. p*1000+size-1. */
    static List<byte[]> page(int p, int size) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // text that compresses about as little as real records, so that sizes roll
            byte[] noise = new byte[30 + (i * 7919 + p) % 40];
            new java.util.Random(p * 1000L + i).nextBytes(noise);
            records.add(("{\"id\":\"r" + (p * 1000 + i) + "\",\"text\":\"" + java.util.HexFormat.of().formatHex(noise) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    @Test
    void pages_from_several_threads_become_a_few_whole_objects_holding_every_record_once() throws Exception {
        Archive archive = archive(1 << 30, new Archive.Spool(lake, true));
        LoadRun run = run();
        archive.begin(run);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            int page = p;
            done.add(threads.submit(() -> archive.records(run, "stripe", "charges", page(page, 50))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        assertThat(finished(lake)).as("nothing is an object before the run ends").isEmpty();

        archive.end(run);
        List<Path> objects = finished(lake);
        assertThat(objects).as("one object per thread writing at once at most").hasSizeBetween(1, 4)
                .allMatch(f -> f.getFileName().toString().matches("part-\\d{5}\\.json\\.gz"));
        assertThat(hidden(lake)).as("no spool file is left").isEmpty();
        assertThat(recordIds(objects)).hasSize(200 * 50).isEqualTo(expectedIds(200, 50));
        LoadRun.Counts counts = run.entities().get("stripe/charges");
        assertThat(counts.records.get()).isEqualTo(200 * 50);
        assertThat(counts.files.get()).isEqualTo(objects.size());
        assertThat(counts.bytes.get()).isEqualTo(objects.stream().mapToLong(ArchiveTest::size).sum());
    }

    @Test
    void an_object_is_stored_when_it_reaches_the_roll_size_and_the_rest_when_the_run_ends() throws Exception {
        long roll = 20_000;
        Archive archive = archive(roll, new Archive.Spool(lake, true));
        LoadRun run = run();
        archive.begin(run);
        for (int p = 0; p < 100; p++) {
            archive.records(run, "ticketsauce", "orders", page(p, 100));
        }
        List<Path> rolled = finished(lake);
        assertThat(rolled).as("objects rolled during the run").hasSizeGreaterThan(3).allMatch(f -> size(f) >= roll);
        archive.records(run, "ticketsauce", "orders", page(100, 1));
        assertThat(hidden(lake)).as("the open object is hidden").hasSize(1);

        archive.end(run);
        List<Path> objects = finished(lake);
        assertThat(objects).hasSize(rolled.size() + 1);
        Set<String> expected = expectedIds(100, 100);
        expected.add("r100000");
        assertThat(recordIds(objects)).isEqualTo(expected);
        assertThat(run.entities().get("ticketsauce/orders").files.get()).isEqualTo(objects.size());
    }

    @Test
    void a_load_that_dies_before_its_end_leaves_only_hidden_spool_files_whatever_it_had_appended() throws Exception {
        Archive archive = archive(1 << 30, new Archive.Spool(lake, true));
        LoadRun run = run();
        archive.begin(run);
        for (int p = 0; p < 30; p++) {
            archive.records(run, "ticketsauce", "checkins", page(p, 100));
        }
        // the process is killed here: end() never runs
        assertThat(finished(lake)).isEmpty();
        assertThat(hidden(lake)).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).startsWith(TEMP));
    }

    @Test
    void a_spool_outside_the_lake_is_per_process_and_cleared_of_dead_processes_and_ended_runs() throws Exception {
        Path spool = lake.resolve("spool");
        Path dead = Files.createDirectories(spool.resolve("999999999").resolve("raw/stripe/charges/load_date=2026-01-01/run_id=20260101T000000Z-dead"))
                .resolve(TEMP + "spool-part-00001.json.gz");
        Files.write(dead, new byte[]{1});
        Archive archive = archive(1 << 30, new Archive.Spool(spool, false));
        LoadRun first = run();
        archive.begin(first);
        archive.records(first, "stripe", "charges", page(1, 10));
        assertThat(dead).as("a dead process's spool").doesNotExist();
        // the process dies during its first run; restarted in the same folder (a Lambda runtime restarted
        // in its container keeps /tmp, and may get the same pid), its next run clears what it left
        Path own = spool.resolve(Long.toString(ProcessHandle.current().pid()));
        assertThat(hidden(own)).hasSize(1);
        Archive restarted = archive(1 << 30, new Archive.Spool(spool, false));
        LoadRun next = run();
        restarted.begin(next);
        assertThat(hidden(own)).as("the ended run's spool is cleared when the next begins").isEmpty();
        restarted.records(next, "stripe", "charges", page(2, 10));
        restarted.end(next);
        assertThat(recordIds(finished(lake))).isEqualTo(Set.of("r2000", "r2001", "r2002", "r2003", "r2004", "r2005", "r2006", "r2007", "r2008", "r2009"));
    }

    static List<Path> finished(Path dir) throws IOException {
        return files(dir, false);
    }

    static List<Path> hidden(Path dir) throws IOException {
        return files(dir, true);
    }

    private static List<Path> files(Path dir, boolean hidden) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(".") == hidden)
                    .filter(f -> hidden || f.toString().endsWith(".json.gz")).sorted().toList();
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record's id across the objects; fails on a record seen twice or an object that is not whole gzip. */
    static Set<String> recordIds(List<Path> objects) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path object : objects) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                in.transferTo(text);
            }
            for (String line : text.toString(StandardCharsets.UTF_8).split("\n")) {
                String id = line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\",\"text\""));
                assertThat(ids.add(id)).as("record " + id + " once").isTrue();
            }
        }
        return ids;
    }

    static Set<String> expectedIds(int pages, int size) {
        Set<String> ids = new HashSet<>();
        for (int p = 0; p < pages; p++) {
            for (int i = 0; i < size; i++) {
                ids.add("r" + (p * 1000 + i));
            }
        }
        return ids;
    }
}
