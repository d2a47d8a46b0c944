package org.minzheng.notify.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Moves committed outbox rows to the Redis stream the notification-worker reads. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas relaying at once never take the same row, and marked
 * relayed in the same transaction only after their {@code XADD} succeeded: Redis down means the rows wait.
 * A crash between XADD and commit relays a row twice; the worker drops the second by its dedup key.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String STREAM = "notify:outbox";
    static final int BATCH = 200;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final TemplateCatalogue templates;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboxRelay(ReactiveRedisDataSource redis, TemplateCatalogue templates, ObjectMapper json, Clock clock) {
        this.streams = redis.stream(String.class);
        this.templates = templates;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${minzheng.notify.relay-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return relay().onFailure().invoke(f -> Log.warnf("Outbox relay paused: %s", f.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Relays one batch; answers how many rows went to the stream. */
    public Uni<Integer> relay() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT id, dedup_key, template_key, resident_id, CAST(data AS text) FROM outbox
                WHERE relayed_at IS NULL ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED""", Object[].class)
                .setParameter("batch", BATCH).getResultList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    List<Long> ids = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        ids.add(((Number) row[0]).longValue());
                        Map<String, String> entry = new LinkedHashMap<>();
                        entry.put("outboxId", row[0].toString());
                        entry.put("dedupKey", (String) row[1]);
                        entry.put("templateKey", (String) row[2]);
                        entry.put("residentId", row[3].toString());
                        entry.put("data", (String) row[4]);
                        // the WeChat message it becomes, values cut to their types; none: inbox only
                        templates.render((String) row[2], parse((String) row[4]))
                                .ifPresent(rendered -> entry.put("wechat", write(rendered)));
                        chain = chain.flatMap(ignored -> streams.xadd(STREAM, entry).replaceWithVoid());
                    }
                    return chain.flatMap(ignored -> session.createNativeQuery(
                            "UPDATE outbox SET relayed_at = :now WHERE id IN (:ids)")
                            .setParameter("now", clock.instant()).setParameter("ids", ids).executeUpdate())
                            .replaceWith(rows.size());
                })));
    }

    private Map<String, Object> parse(String data) {
        try {
            return json.readValue(data, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox data", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
