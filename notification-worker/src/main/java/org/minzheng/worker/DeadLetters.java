package org.minzheng.worker;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;

/**
 * Messages that kept failing, in the stream {@code notify:dead} for operators to inspect; the delivery log
 * says FAILED and staff replay them through the backend, which relays the outbox row again.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String STREAM = "notify:dead";

    private final StreamCommands<String, String, String> streams;
    private final Deliveries deliveries;
    private final Clock clock;

    public DeadLetters(RedisDataSource redis, Deliveries deliveries, Clock clock) {
        this.streams = redis.stream(String.class);
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Best effort: the delivery log already says FAILED, which is what replay works from. */
    void add(OutboxMessage message, int errcode, int attempts) {
        try {
            Map<String, String> entry = new LinkedHashMap<>(message.fields());
            entry.put("errcode", Integer.toString(errcode));
            entry.put("attempts", Integer.toString(attempts));
            entry.put("failedAt", clock.instant().toString());
            String id = streams.xadd(STREAM, entry);
            deliveries.deadLettered(message, attempts, id).await().indefinitely();
        } catch (RuntimeException e) {
            Log.warnf("Dead letter %s not added to %s: %s", message.dedupKey(), STREAM, e.getClass().getSimpleName());
        }
    }
}
