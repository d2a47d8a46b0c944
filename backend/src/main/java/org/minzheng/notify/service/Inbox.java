package org.minzheng.notify.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.time.SqlTimes;

/** A resident's in-app messages, newest first, with the count of unread ones. */
@ApplicationScoped
public class Inbox {

    public record Message(long id, String templateKey, Map<String, Object> data, Instant createdAt, Instant readAt) {
    }

    private final ObjectMapper json;
    private final Clock clock;

    public Inbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public Uni<List<Message>> page(long residentId, Long before, int limit) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT id, template_key, CAST(data AS text), created_at, read_at FROM inbox_message
                WHERE resident_id = :resident AND id < :before ORDER BY id DESC LIMIT :limit""", Object[].class)
                .setParameter("resident", residentId).setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("limit", limit).getResultList()))
                .map(rows -> rows.stream().map(this::message).toList());
    }

    public Uni<Long> unread(long residentId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT count(*) FROM inbox_message WHERE resident_id = :resident AND read_at IS NULL", Long.class)
                .setParameter("resident", residentId).getSingleResult()));
    }

    /** Marks one of the resident's messages read (idempotent); someone else's is "not found". */
    public Uni<Message> read(long residentId, long messageId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                UPDATE inbox_message SET read_at = COALESCE(read_at, :now) WHERE id = :id AND resident_id = :resident
                RETURNING id, template_key, CAST(data AS text), created_at, read_at""", Object[].class)
                .setParameter("now", clock.instant()).setParameter("id", messageId).setParameter("resident", residentId)
                .getSingleResultOrNull()))
                .map(row -> {
                    if (row == null) {
                        throw new DomainException(404, "MESSAGE_NOT_FOUND");
                    }
                    return message(row);
                });
    }

    private Message message(Object[] r) {
        try {
            return new Message(((Number) r[0]).longValue(), (String) r[1],
                    json.readValue((String) r[2], new TypeReference<Map<String, Object>>() { }), SqlTimes.instant(r[3]),
                    SqlTimes.instant(r[4]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inbox message", e);
        }
    }
}
