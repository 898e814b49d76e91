package com.ticketwarehouse.archive;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A run this process is loading, and the one writer of its manifest: running when it starts,
 * again at each heartbeat, then once at its end; never after. SIGTERM or Ctrl-C asks the run to
 * stop at its next safe point and waits a moment for the load to end it as failed; a load that
 * does not get there in time (a slow answer, a long backoff) is marked failed here, and what it
 * was writing stays an unfinished write that is never read as data.
 */
final class LiveRun {
    static final String INTERRUPTED = "interrupted (SIGTERM or Ctrl-C): stopped before its end";

    private final LoadRun run;
    private final Consumer<LoadRun> writeManifest;
    private final Clock clock;
    private final Duration beat;
    private final Duration stopWait;
    private final ScheduledExecutorService heartbeat;
    private final Thread onShutdown;
    private boolean ended;

    LiveRun(LoadRun run, Consumer<LoadRun> writeManifest, Clock clock, Duration beat, Duration stopWait) {
        this.run = run;
        this.writeManifest = writeManifest;
        this.clock = clock;
        this.beat = beat;
        this.stopWait = stopWait;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tw-heartbeat-" + run.id());
            thread.setDaemon(true);
            return thread;
        });
        this.onShutdown = new Thread(this::stop, "tw-stop-" + run.id());
    }

    /** Writes the running manifest, then keeps it fresh, until {@link #end}. */
    void start() {
        RunLiveness.own(run.id());
        synchronized (this) {
            run.beat(clock.instant(), beat.getSeconds());
            writeManifest.accept(run);
        }
        heartbeat.scheduleWithFixedDelay(this::beat, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(onShutdown);
    }

    private synchronized void beat() {
        if (ended) {
            return;
        }
        run.beat(clock.instant(), beat.getSeconds());
        try {
            writeManifest.accept(run);
        } catch (RuntimeException e) {
            // the load's own writes fail the same way and end it; a missed beat only ages the manifest
        }
    }

    /** Marks the run complete or failed, once: a later call (the load ending after Ctrl-C marked it) changes nothing. */
    synchronized void end(String status, String error) {
        if (ended) {
            return;
        }
        ended = true;
        heartbeat.shutdownNow();
        RunLiveness.disown(run.id());
        notifyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook is this very stop
        }
        run.finish(status, error);
        writeManifest.accept(run);
    }

    boolean ended() {
        return ended;
    }

    /** The shutdown hook: ask the load to stop at a safe point, wait for it a moment, else end the run here. */
    private void stop() {
        run.interrupt(INTERRUPTED);
        long deadline = System.nanoTime() + stopWait.toNanos();
        synchronized (this) {
            while (!ended && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            end(LoadRun.FAILED, INTERRUPTED);
        }
        // the process ends when this hook returns: the load command may not get to say it
        System.err.println("tw: load " + run.id() + " stopped by SIGTERM or Ctrl-C and marked failed (its files are never taken as data)");
    }
}
