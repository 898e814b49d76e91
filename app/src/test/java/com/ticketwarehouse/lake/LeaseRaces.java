package com.ticketwarehouse.lake;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Leases of one lake taken at the same moment, for the tests of who gets it. */
public final class LeaseRaces {
    private LeaseRaces() {
    }

    /** Each lease acquired in a thread of its own, all let go at once; returns, in order, "taken" or the refusal's message. */
    public static List<String> acquireAtOnce(List<LakeLease> leases) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> outcomes = leases.stream().map(lease -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
                lease.acquire();
                return "taken";
            } catch (LakeException refused) {
                return refused.getMessage();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        go.countDown();
        return outcomes.stream().map(CompletableFuture::join).toList();
    }
}
