package org.minzheng.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load: arrivals at a fixed rate whatever the answers do (residents do not wait for each other),
 * each request's latency counted from its intended start, so a backend that falls behind shows it as latency.
 */
final class OpenLoop {

    /** The {@code i}th arrival's request; it answers its outcome and records it itself (a retry may follow). */
    interface Arrival {
        CompletableFuture<?> start(int i, long intendedNanos);
    }

    private OpenLoop() {
    }

    /** {@code count} arrivals spread evenly over {@code over}; returns when every request has been answered. */
    static void run(int count, Duration over, LoadResult load, Arrival arrival) {
        long start = System.nanoTime();
        long gap = over.toNanos() / Math.max(1, count);
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long intended = start + i * gap;
            long now = System.nanoTime();
            if (intended > now) {
                LockSupport.parkNanos(intended - now);
            }
            load.started(intended);
            all.add(arrival.start(i, intended));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** An outcome per answer: 2xx as the status, a problem as its code, no answer at all as NO_ANSWER. */
    static CompletableFuture<String> timed(CompletableFuture<Api.Answer> request, LoadResult load, long intended) {
        return request.handle((answer, failure) -> {
            String outcome = failure != null ? "NO_ANSWER"
                    : answer.status() / 100 == 2 ? Integer.toString(answer.status()) : answer.code();
            load.done(intended, outcome);
            return outcome;
        });
    }
}
