package org.minzheng.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads {@code notify:outbox} as one member of the consumer group: a batch at a time, the next batch only
 * when this one is handled (back-pressure), and every few seconds claims the entries a dead member left
 * pending. An entry is acked, then deleted, only once its outcome is settled in the delivery log.
 */
@ApplicationScoped
public class StreamConsumer {

    public static final String STREAM = "notify:outbox";
    public static final String GROUP = "notification-workers";
    private static final String ACK_AND_DELETE = """
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('XDEL', KEYS[1], ARGV[2])""";

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final MessageSender sender;
    private final WorkerMetrics metrics;
    private final WorkerConfig config;
    private final Clock clock;
    private final String consumer;

    private volatile boolean running;
    private volatile boolean groupReady;
    private Thread reader;
    private ExecutorService senders;
    private ScheduledExecutorService timers;

    public StreamConsumer(RedisDataSource redis, MessageSender sender, WorkerMetrics metrics, WorkerConfig config,
            Clock clock) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.sender = sender;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.consumer = config.consumer().orElseGet(StreamConsumer::hostAndProcess);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        senders = Executors.newFixedThreadPool(config.concurrency(), named("notify-sender"));
        timers = Executors.newSingleThreadScheduledExecutor(named("notify-timer"));
        reader = named("notify-reader").newThread(this::readLoop);
        reader.start();
        long every = config.claimEvery().toMillis();
        timers.scheduleWithFixedDelay(this::claimAbandoned, every, every, TimeUnit.MILLISECONDS);
        Log.infof("Reading %s as %s in group %s", STREAM, consumer, GROUP);
    }

    /** Finishes the sends under way and starts no more; the rest stay pending for another replica to claim. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        timers.shutdownNow(); // no retry or claim starts from now on
        // a send under way ends within sendWait (WeChat's answer or a timeout), then its outcome is recorded
        long sendAndRecord = config.sendWait().plusSeconds(2).toMillis();
        reader.join(config.readBlock().toMillis() + sendAndRecord);
        senders.shutdown();
        senders.awaitTermination(sendAndRecord, TimeUnit.MILLISECONDS);
    }

    public boolean alive() {
        return !config.enabled() || (running && reader.isAlive());
    }

    private void readLoop() {
        while (running) {
            try {
                ensureGroup();
                List<StreamMessage<String, String, String>> batch = streams.xreadgroup(GROUP, consumer, STREAM, ">",
                        new XReadGroupArgs().count(config.batchSize()).block(config.readBlock()));
                handleAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Redis or PostgreSQL away: the entries stay pending; try again in a moment
                groupReady = false;
                Log.warnf("Reading %s paused: %s", STREAM, e.getClass().getSimpleName());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void claimAbandoned() {
        try {
            ensureGroup();
            String cursor = "0-0";
            do {
                ClaimedMessages<String, String, String> claimed = streams.xautoclaim(STREAM, GROUP, consumer,
                        config.claimIdle(), cursor, config.batchSize());
                if (!claimed.getMessages().isEmpty()) {
                    Log.infof("Claimed %d entries left pending by stopped consumers", claimed.getMessages().size());
                    handleAll(claimed.getMessages());
                }
                cursor = claimed.getId();
            } while (running && !"0-0".equals(cursor));
            metrics.stream(streams.xlen(STREAM), streams.xpending(STREAM, GROUP).getPendingCount());
            forgetStoppedConsumers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            groupReady = false;
            Log.warnf("Claiming pending entries paused: %s", e.getClass().getSimpleName());
        }
    }

    private void handleAll(List<StreamMessage<String, String, String>> entries) throws InterruptedException {
        List<Future<?>> handled = new ArrayList<>(entries.size());
        for (StreamMessage<String, String, String> entry : entries) {
            handled.add(senders.submit(() -> handle(entry)));
        }
        for (Future<?> f : handled) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // handle() logs its own failures; nothing else to do here
            }
        }
    }

    private void handle(StreamMessage<String, String, String> entry) {
        if (!running) {
            return; // stopping: only sends already under way finish; this entry stays pending for another replica
        }
        OutboxMessage message;
        try {
            message = OutboxMessage.of(entry.id(), entry.payload());
        } catch (IllegalArgumentException e) {
            dropMalformed(entry.id());
            return;
        }
        handle(message);
    }

    private void handle(OutboxMessage message) {
        if (!running) {
            return; // a retry due while stopping: left pending like the rest
        }
        try {
            MessageSender.Next next = sender.handle(message);
            if (next instanceof MessageSender.Next.Ack) {
                settle(message.entryId());
            } else if (next instanceof MessageSender.Next.Revisit revisit && revisit.at() != null && running) {
                long delay = Math.max(0, Duration.between(clock.instant(), revisit.at()).toMillis());
                timers.schedule(() -> senders.submit(() -> handle(message)), delay, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException e) {
            dropMalformed(message.entryId());
        } catch (RuntimeException e) {
            // left pending: this replica or another comes back to it after the claim idle time
            Log.warnf("Delivery %s not settled: %s", message.dedupKey(), e.getClass().getSimpleName());
        }
    }

    /** Replicas come and go (a new name per pod); the group forgets those that hold nothing and went silent. */
    private void forgetStoppedConsumers() {
        for (Response member : redis.execute("XINFO", "CONSUMERS", STREAM, GROUP)) {
            Map<String, String> fields = fields(member);
            String name = fields.get("name");
            if (!consumer.equals(name) && "0".equals(fields.get("pending"))
                    && Long.parseLong(fields.getOrDefault("idle", "0")) > config.forgetConsumersAfter().toMillis()) {
                redis.execute("XGROUP", "DELCONSUMER", STREAM, GROUP, name);
                Log.infof("Forgot the stopped consumer %s", name);
            }
        }
    }

    /** A consumer's XINFO fields (Vert.x reads a RESP3 map and a RESP2 key-value list alike). */
    private static Map<String, String> fields(Response member) {
        Map<String, String> fields = new HashMap<>();
        member.getKeys().forEach(key -> fields.put(key, String.valueOf(member.get(key))));
        return fields;
    }

    /** An entry nothing can send would come back for ever: logged (without its content) and acked. */
    private void dropMalformed(String entryId) {
        Log.errorf("Entry %s of %s is malformed; dropped (its outbox row and inbox message are intact)", entryId, STREAM);
        try {
            settle(entryId);
        } catch (RuntimeException e) {
            Log.warnf("Dropping entry %s failed: %s", entryId, e.getClass().getSimpleName());
        }
    }

    /** Acks and deletes in one step: a crash in between would leave an acked entry in the stream for ever. */
    private void settle(String entryId) {
        redis.execute("EVAL", ACK_AND_DELETE, "1", STREAM, GROUP, entryId);
    }

    /** Creates the group on first use, and again if Redis lost it (a restart without persistence). */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            streams.xgroupCreate(STREAM, GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String hostAndProcess() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "worker-" + ProcessHandle.current().pid();
        }
    }
}
