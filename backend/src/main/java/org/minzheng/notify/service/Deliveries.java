package org.minzheng.notify.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.time.SqlTimes;

/**
 * Where each notification stands, for staff: waiting for the relay, queued for the worker, or what the
 * worker's delivery log says. Carries no message data, so no personal data. Replaying a dead letter relays
 * its outbox row again, rendered with the current template catalogue.
 */
@ApplicationScoped
public class Deliveries {

    /** Worker outcomes a replay may follow: failures, refusals fixed since, sends a dead worker left unknown. */
    private static final Set<String> REPLAYABLE = Set.of("FAILED", "REJECTED", "UNCONFIRMED");
    private static final String DEAD_LETTERS = "notify:dead";

    public record Delivery(long id, String dedupKey, String templateKey, Instant createdAt, Instant relayedAt,
            String status, int attempts, Integer errcode, Instant updatedAt) {
    }

    /** Messages of one subject ({@code booking:42}) and/or in one status; null for any. */
    public record Filter(String subject, String status) {
    }

    private final AuditLog audit;
    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public Deliveries(AuditLog audit, ReactiveRedisDataSource redis, Clock clock) {
        this.audit = audit;
        this.redis = redis;
        this.clock = clock;
    }

    public Uni<List<Delivery>> search(Filter filter, Long before, int limit) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT * FROM (
                    SELECT o.id, o.dedup_key, o.template_key, o.created_at, o.relayed_at,
                           coalesce(d.status, CASE WHEN o.relayed_at IS NULL THEN 'WAITING' ELSE 'QUEUED' END) AS status,
                           coalesce(d.attempts, 0), d.errcode, coalesce(d.updated_at, o.relayed_at, o.created_at)
                    FROM outbox o LEFT JOIN notification_delivery d ON d.dedup_key = o.dedup_key
                    WHERE o.id < :before AND (CAST(:prefix AS text) IS NULL OR o.dedup_key LIKE :prefix)) AS delivery
                WHERE CAST(:status AS text) IS NULL OR status = :status
                ORDER BY id DESC LIMIT :limit""", Object[].class)
                .setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("prefix", filter.subject() == null ? null : filter.subject() + ":%")
                .setParameter("status", filter.status())
                .setParameter("limit", limit)
                .getResultList()))
                .map(rows -> rows.stream().map(Deliveries::delivery).toList());
    }

    /** Sends a failed message again: the relay picks its outbox row up and the worker treats it as new. */
    public Uni<Delivery> replay(Actor actor, long outboxId) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT d.status, d.dead_letter_id FROM outbox o LEFT JOIN notification_delivery d
                    ON d.dedup_key = o.dedup_key WHERE o.id = :id FOR UPDATE OF o""", Object[].class)
                .setParameter("id", outboxId).getResultList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        throw new DomainException(404, "NOTIFICATION_NOT_FOUND");
                    }
                    String status = (String) rows.get(0)[0];
                    if (status == null || !REPLAYABLE.contains(status)) {
                        throw new DomainException(409, "NOTIFICATION_NOT_REPLAYABLE");
                    }
                    String deadLetter = (String) rows.get(0)[1];
                    return s.createNativeQuery("""
                            UPDATE notification_delivery d SET status = 'REPLAY', attempts_before_replay = d.attempts,
                                   errcode = NULL,
                                   lease_until = NULL, next_attempt_at = :now, dead_letter_id = NULL, updated_at = :now
                            FROM outbox o WHERE o.id = :id AND d.dedup_key = o.dedup_key""")
                            .setParameter("now", now).setParameter("id", outboxId).executeUpdate()
                            .chain(() -> s.createNativeQuery("UPDATE outbox SET relayed_at = NULL WHERE id = :id")
                                    .setParameter("id", outboxId).executeUpdate())
                            .chain(() -> audit.record(actor, "NOTIFICATION_REPLAYED", "outbox:" + outboxId, null))
                            // answered on the transaction's connection: a second one, after the commit, could be
                            // refused under load for a replay already queued
                            .chain(() -> search(new Filter(null, null), outboxId + 1, 1))
                            .map(found -> new Replayed(found.get(0), deadLetter));
                })))
                .call(replayed -> dropDeadLetter(replayed.deadLetter()))
                .map(Replayed::delivery);
    }

    private record Replayed(Delivery delivery, String deadLetter) {
    }

    private Uni<Void> dropDeadLetter(String id) {
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.stream(String.class).xdel(DEAD_LETTERS, id).replaceWithVoid()
                .onFailure().invoke(f -> Log.warnf("Dead letter %s stays in %s: %s", id, DEAD_LETTERS,
                        f.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    private static Delivery delivery(Object[] r) {
        return new Delivery(((Number) r[0]).longValue(), (String) r[1], (String) r[2], SqlTimes.instant(r[3]),
                SqlTimes.instant(r[4]), (String) r[5], ((Number) r[6]).intValue(),
                r[7] == null ? null : ((Number) r[7]).intValue(), SqlTimes.instant(r[8]));
    }
}
