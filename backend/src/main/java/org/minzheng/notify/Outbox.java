package org.minzheng.notify;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records a notification to send, and the resident's inbox message, inside the caller's transaction:
 * both exist exactly when the change that caused them committed. The relay (notify issue) moves rows to Redis; the dedup key makes a repeated
 * write (a retried job, a second replica) a no-op.
 */
@ApplicationScoped
public class Outbox {

    /**
     * In a message's data: {@code true} keeps the message in the inbox only, never sent to WeChat (someone else
     * may see the resident's phone); the mini-program shows it under a neutral title.
     */
    public static final String DISCREET = "discreet";

    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** {@code data} holds template fields; no personal data beyond what the message must show. */
    public Uni<Void> record(String dedupKey, String templateKey, long residentId, Map<String, Object> data) {
        String body;
        try {
            body = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // bound as text and cast in SQL: a String bound straight to jsonb would be stored as a JSON string
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                WITH sent AS (
                    INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at)
                    VALUES (:dedup, :template, :resident, CAST(CAST(:data AS text) AS jsonb), :now)
                    ON CONFLICT (dedup_key) DO NOTHING
                    RETURNING dedup_key, template_key, resident_id, data, created_at)
                INSERT INTO inbox_message (dedup_key, template_key, resident_id, data, created_at)
                SELECT dedup_key, template_key, resident_id, data, created_at FROM sent""")
                .setParameter("dedup", dedupKey)
                .setParameter("template", templateKey)
                .setParameter("resident", residentId)
                .setParameter("data", body)
                .setParameter("now", clock.instant())
                .executeUpdate())
                .replaceWithVoid();
    }
}
