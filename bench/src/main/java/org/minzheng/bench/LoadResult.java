package org.minzheng.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a run's requests came to: latency from each request's intended start (so a queue in front of the
 * backend shows as latency, not as a lower offered rate: no coordinated omission) and a count per outcome.
 */
final class LoadResult {

    /** Microseconds, up to 5 minutes, 3 significant digits. */
    final Histogram latency = new ConcurrentHistogram(300_000_000L, 3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    volatile long firstIntendedNanos = Long.MAX_VALUE;
    volatile long lastDoneNanos;

    synchronized void started(long intendedNanos) {
        firstIntendedNanos = Math.min(firstIntendedNanos, intendedNanos);
    }

    void done(long intendedNanos, String outcome) {
        long now = System.nanoTime();
        latency.recordValue(Math.max(0, (now - intendedNanos) / 1000));
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        synchronized (this) {
            lastDoneNanos = Math.max(lastDoneNanos, now);
        }
    }

    Map<String, Long> outcomes() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    long count(String outcome) {
        LongAdder n = outcomes.get(outcome);
        return n == null ? 0 : n.sum();
    }

    long requests() {
        return latency.getTotalCount();
    }

    double seconds() {
        return Math.max(1, lastDoneNanos - firstIntendedNanos) / 1e9;
    }
}
