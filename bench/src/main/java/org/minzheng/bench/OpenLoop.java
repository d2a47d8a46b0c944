package org.minzheng.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * An open-model load: arrivals at a fixed rate whatever the answers do (residents do not wait for each other),
 * each request's latency counted from its intended start, so a backend that falls behind shows it as latency.
 */
final class OpenLoop {

    /** The {@code i}th arrival's request; it records its answer itself (a retry may follow). */
    interface Arrival {
        CompletableFuture<?> start(int i, long intendedNanos);
    }

    private OpenLoop() {
    }

    /** {@code count} arrivals spread evenly over {@code over}; returns when every request has been answered. */
    static void run(int count, Duration over, LoadResult load, Arrival arrival) {
        long start = System.nanoTime();
        load.begin(start);
        long gap = over.toNanos() / Math.max(1, count);
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long intended = start + i * gap;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            load.sent(intended);
            all.add(arrival.start(i, intended));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** The outcome of an answer: 2xx as its status, a problem as its code, no answer at all as NO_ANSWER. */
    static String outcome(Api.Answer answer) {
        return answer.status() / 100 == 2 ? Integer.toString(answer.status()) : answer.code();
    }

    /**
     * An answer that does not say whether the request was carried out: none (given up, NO_ANSWER) or shed by the
     * overloaded backend ({@link Scenario#SHED}), which may come after part of the work committed.
     */
    static boolean undecided(Api.Answer answer) {
        return answer.status() == 0 || Scenario.SHED.equals(answer.code());
    }

    /** Records the request's answer (or NO_ANSWER: status 0) from its intended start, and hands it on. */
    static CompletableFuture<Api.Answer> timed(CompletableFuture<Api.Answer> request, LoadResult load, long intended) {
        return timed(request, load, intended, null);
    }

    /** As {@link #timed(CompletableFuture, LoadResult, long)}, the outcome named after the request's {@code kind}. */
    static CompletableFuture<Api.Answer> timed(CompletableFuture<Api.Answer> request, LoadResult load, long intended,
            String kind) {
        long sent = System.nanoTime();
        return request.handle((answer, failure) -> {
            Api.Answer a = failure != null ? new Api.Answer(0, JsonNodeFactory.instance.objectNode().put("code", "NO_ANSWER"))
                    : answer;
            load.done(intended, sent, kind == null ? outcome(a) : kind + " " + outcome(a));
            return a;
        });
    }
}
