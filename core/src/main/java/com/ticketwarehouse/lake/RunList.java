package com.ticketwarehouse.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.archive.Failures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The runs part of {@code status}: newest first, as many as asked, the same on every lake. */
public final class RunList {
    /** How many runs status lists unless asked for more. */
    public static final int SHOWN = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest by name. */
    public interface Reader {
        byte[] read(String name) throws IOException;
    }

    private RunList() {
    }

    /**
     * The runs of these manifests (names that hold the run id). A manifest that cannot be read (a run
     * cut short while writing it) is named and skipped: it holds no data anyway, and it must not
     * hide the others.
     */
    public static String of(List<String> manifests, Reader reader, int limit) {
        Instant now = Instant.now();
        List<String> newestFirst = manifests.stream()
                .sorted(Comparator.comparing((String name) -> Objects.requireNonNullElse(RunLiveness.runIdOf(name), name)).reversed()).toList();
        StringBuilder runs = new StringBuilder(header(Math.min(limit, newestFirst.size()), newestFirst.size()));
        for (String name : newestFirst.stream().limit(limit).toList()) {
            try {
                runs.append(line(JSON.readTree(reader.read(name)), now));
            } catch (JsonProcessingException e) {
                runs.append("  ").append(name).append(": unreadable manifest, skipped (")
                        .append(e instanceof JsonEOFException ? "cut short" : "not JSON: " + Failures.firstLine(e.getOriginalMessage())).append(")\n");
            } catch (NoSuchFileException e) {
                runs.append(String.format("  %s %-9s (its manifest was never finished: the process was killed as the run began)%n",
                        RunLiveness.runIdOf(name), RunLiveness.ABANDONED));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runs.toString();
    }

    /** The heading of the list, saying how to see the runs left out. */
    public static String header(int shown, long total) {
        return shown < total ? "runs (newest first, " + shown + " of " + total + "; --runs N or --all for more):\n" : "runs (newest first):\n";
    }

    /** A run's line; a running run whose process is gone shows as abandoned, with when it was last seen. */
    static String line(JsonNode run, Instant now) {
        String shown = RunLiveness.status(run, now);
        String end = RunLiveness.ABANDONED.equals(shown)
                ? "last seen " + run.path("heartbeat_at").asText(run.path("started_at").asText()) + " (its process is gone)"
                : "finished " + run.path("finished_at").asText("-");
        StringBuilder undefined = new StringBuilder();
        run.path(LoadRun.UNDEFINED_FIELDS).fields().forEachRemaining(entity -> {
            List<String> names = new java.util.ArrayList<>();
            entity.getValue().forEach(name -> names.add(name.asText()));
            undefined.append(undefined.isEmpty() ? "" : "; ").append(entity.getKey()).append(": ").append(String.join(", ", names));
        });
        return String.format("  %s %-9s %-8s %-11s %,10d records %8.1f s  %s%n", run.path("run_id").asText(), shown,
                run.path("time_range").asText(), run.path("sources").asText(), run.path("records").asLong(),
                run.path("duration_ms").asLong() / 1000.0, end)
                + (undefined.isEmpty() ? "" : "      new fields no raw table defines (add them to " + RawTableDdl.RESOURCE + "): " + undefined + "\n");
    }
}
