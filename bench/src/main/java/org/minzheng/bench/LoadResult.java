package org.minzheng.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a run's requests came to: latency from each request's intended start (so a queue in front of the
 * backend shows as latency, not as a lower offered rate: no coordinated omission), a count per outcome and when
 * each outcome was last seen, so a rate is counted over the time its answers took and a late timeout does not
 * stretch it.
 */
final class LoadResult {

    /** Microseconds, up to 5 minutes, 3 significant digits; anything longer is counted as 5 minutes. */
    private static final long LONGEST = 300_000_000L;
    final Histogram latency = new ConcurrentHistogram(LONGEST, 3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAccumulator> lastSeen = new ConcurrentHashMap<>();
    /** How late the driver itself sent each request after its intended start, in microseconds: its own lag, not the backend's. */
    final Histogram sendLag = new ConcurrentHistogram(LONGEST, 3);
    private final LongAdder retries = new LongAdder();
    private volatile long firstIntendedNanos;

    void begin(long firstIntendedNanos) {
        this.firstIntendedNanos = firstIntendedNanos;
    }

    void sent(long intendedNanos) {
        sendLag.recordValue(Math.min(LONGEST, Math.max(0, (System.nanoTime() - intendedNanos) / 1000)));
    }

    void retried() {
        retries.increment();
    }

    /**
     * The same answers' latency from when the driver actually sent each request: the backend's (and the client's
     * queue's) share, without the driver's own lag on a machine it shares with the backend.
     */
    final Histogram sinceSent = new ConcurrentHistogram(LONGEST, 3);

    void done(long intendedNanos, long sentNanos, String outcome) {
        long now = System.nanoTime();
        latency.recordValue(Math.min(LONGEST, Math.max(0, (now - intendedNanos) / 1000)));
        sinceSent.recordValue(Math.min(LONGEST, Math.max(0, (now - sentNanos) / 1000)));
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        lastSeen.computeIfAbsent(outcome, k -> new LongAccumulator(Math::max, Long.MIN_VALUE)).accumulate(now);
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

    long count(Set<String> some) {
        return some.stream().mapToLong(this::count).sum();
    }

    long requests() {
        return latency.getTotalCount();
    }

    long retries() {
        return retries.sum();
    }

    /** Answers with one of {@code some} outcomes per second, from the first intended start to the last of them. */
    double perSecond(Set<String> some) {
        long last = some.stream().map(lastSeen::get).filter(a -> a != null).mapToLong(LongAccumulator::get).max()
                .orElse(firstIntendedNanos);
        return count(some) / (Math.max(1_000_000, last - firstIntendedNanos) / 1e9);
    }
}
