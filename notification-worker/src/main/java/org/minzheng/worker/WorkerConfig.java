package org.minzheng.worker;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the worker reads the outbox stream and paces, retries and gives up on WeChat sends. */
@ConfigMapping(prefix = "minzheng.worker")
public interface WorkerConfig {

    /** Off in the worker's own tests, which check only health; on everywhere else. */
    @WithDefault("true")
    boolean enabled();

    /** This replica's consumer name in the group; defaults to the host name (the pod name on Kubernetes). */
    Optional<String> consumer();

    /** Entries read per batch; the next batch is read only when this one is done (back-pressure). */
    @WithDefault("32")
    int batchSize();

    /** Messages of a batch sent at once. */
    @WithDefault("8")
    int concurrency();

    /** How long one read waits for new entries. */
    @WithDefault("PT2S")
    Duration readBlock();

    /** An entry pending this long belongs to a consumer presumed dead and is claimed by another. */
    @WithDefault("PT60S")
    Duration claimIdle();

    @WithDefault("PT10S")
    Duration claimEvery();

    /** A consumer with nothing pending, silent this long, is a stopped replica: it leaves the group's list. */
    @WithDefault("PT1H")
    Duration forgetConsumersAfter();

    /** How long a send attempt may take before another replica treats it as abandoned; above the WeChat timeout. */
    @WithDefault("PT30S")
    Duration lease();

    /** How long a send (token included) may take; well under the lease, so a live sender keeps it. */
    @WithDefault("PT10S")
    Duration sendWait();

    /** Sends of one message before it is dead-lettered, for WeChat busy, timeouts and 5xx. */
    @WithDefault("5")
    int maxAttempts();

    @WithDefault("PT1S")
    Duration backoffBase();

    @WithDefault("PT1M")
    Duration backoffMax();

    /** Subscribe messages sent per second across all replicas. */
    @WithDefault("50")
    int sendsPerSecond();
}
