package org.minzheng.worker;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** What operators watch: outcomes per message, and how far behind the stream the workers are. */
@ApplicationScoped
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("minzheng.notify.stream.lag", waiting);
        registry.gauge("minzheng.notify.stream.pending", pending);
    }

    /** Counts one outcome: sent, retried, failed, no_consent, consent_revoked, rejected, unconfirmed, ... */
    public void count(String outcome, String templateKey) {
        registry.counter("minzheng.notify.messages", "outcome", outcome, "template", templateKey).increment();
    }

    /** Entries in the stream not yet settled, and of those, the ones a worker holds. */
    public void stream(long entries, long held) {
        waiting.set(entries);
        pending.set(held);
    }
}
