package org.minzheng.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The delivery log and the consent quotas it spends, in PostgreSQL. Every change of a message's status is
 * conditional on the attempt it belongs to, so two replicas holding the same stream entry never both send.
 */
@ApplicationScoped
public class Deliveries {

    /** What the log says about a message before an attempt. */
    public record Known(DeliveryStatus status, int attempts, Instant leaseUntil, Instant nextAttemptAt) {
    }

    /**
     * A send this replica may make: the attempt number (never reused, the fence against late answers),
     * the attempts counted against the retry budget (since the last replay), and where to send it.
     */
    public record Attempt(int number, int sinceReplay, String openid) {
    }

    private final Pool pool;
    private final Clock clock;

    public Deliveries(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Optional<Known>> find(String dedupKey) {
        return pool.preparedQuery("""
                SELECT status, attempts, lease_until, next_attempt_at FROM notification_delivery WHERE dedup_key = $1""")
                .execute(Tuple.of(dedupKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(known(rows.iterator().next())));
    }

    /**
     * Starts an attempt if the message is new or due for a retry, spending one consent unit on its first
     * attempt: empty when another replica holds it; status NO_CONSENT when the resident has none left.
     */
    public Uni<Optional<Attempt>> begin(OutboxMessage message, Duration lease) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO notification_delivery (dedup_key, template_key, resident_id, status, attempts,
                                                   lease_until, created_at, updated_at)
                VALUES ($1, $2, $3, 'SENDING', 1, $4, $5, $5)
                ON CONFLICT (dedup_key) DO UPDATE
                    SET status = 'SENDING', attempts = notification_delivery.attempts + 1,
                        lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at
                    WHERE notification_delivery.status IN ('RETRYING', 'REPLAY')
                      AND coalesce(notification_delivery.next_attempt_at, EXCLUDED.updated_at) <= EXCLUDED.updated_at
                RETURNING attempts, attempts_before_replay, consent_spent""")
                .execute(Tuple.of(message.dedupKey(), message.templateKey(), message.residentId(),
                        now.plus(lease), now))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<Attempt>empty());
                    }
                    Row row = rows.iterator().next();
                    int number = row.getInteger("attempts");
                    int sinceReplay = number - row.getInteger("attempts_before_replay");
                    Uni<Boolean> consent = row.getBoolean("consent_spent")
                            ? Uni.createFrom().item(true)
                            : spendConsent(tx, message, now);
                    return consent.flatMap(granted -> granted
                            ? openid(tx, message.residentId())
                                    .map(openid -> Optional.of(new Attempt(number, sinceReplay, openid)))
                            : settle(tx, message.dedupKey(), number, DeliveryStatus.NO_CONSENT, null, null, now)
                                    .replaceWith(Optional.of(new Attempt(number, sinceReplay, null))));
                }));
    }

    /** Records a final outcome; a message WeChat did not take gets its consent unit back. */
    public Uni<Void> settle(OutboxMessage message, int attempt, DeliveryStatus status, Integer errcode, Long msgid) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> settle(tx, message.dedupKey(), attempt, status, errcode, msgid, now)
                .flatMap(spent -> switch (status) {
                    case REJECTED, FAILED -> spent ? refundConsent(tx, message, now) : Uni.createFrom().voidItem();
                    case CONSENT_REVOKED -> revokeConsent(tx, message, now);
                    default -> Uni.createFrom().voidItem();
                }));
    }

    public Uni<Void> retryLater(OutboxMessage message, int attempt, int errcode, Instant at) {
        return pool.preparedQuery("""
                UPDATE notification_delivery SET status = 'RETRYING', errcode = $3, next_attempt_at = $4,
                       lease_until = NULL, updated_at = $5
                WHERE dedup_key = $1 AND attempts = $2 AND status = 'SENDING'""")
                .execute(Tuple.of(message.dedupKey(), attempt, errcode, at.atOffset(ZoneOffset.UTC), now()))
                .replaceWithVoid();
    }

    /** A sender whose lease ran out died mid-send; whether WeChat got it is unknown, so it is not resent. */
    public Uni<Boolean> abandon(OutboxMessage message) {
        return pool.preparedQuery("""
                UPDATE notification_delivery SET status = 'UNCONFIRMED', lease_until = NULL, updated_at = $2
                WHERE dedup_key = $1 AND status = 'SENDING' AND lease_until < $2""")
                .execute(Tuple.of(message.dedupKey(), now())).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> inboxOnly(OutboxMessage message) {
        return pool.preparedQuery("""
                INSERT INTO notification_delivery (dedup_key, template_key, resident_id, status, created_at, updated_at)
                VALUES ($1, $2, $3, 'INBOX_ONLY', $4, $4)
                ON CONFLICT (dedup_key) DO UPDATE SET status = 'INBOX_ONLY', updated_at = EXCLUDED.updated_at
                    WHERE notification_delivery.status IN ('REPLAY', 'RETRYING')""")
                .execute(Tuple.of(message.dedupKey(), message.templateKey(), message.residentId(), now()))
                .replaceWithVoid();
    }

    /** Only while the message is still that failure: a replay in between has already moved on. */
    public Uni<Void> deadLettered(OutboxMessage message, int attempt, String deadLetterId) {
        return pool.preparedQuery("""
                UPDATE notification_delivery SET dead_letter_id = $3
                WHERE dedup_key = $1 AND attempts = $2 AND status = 'FAILED'""")
                .execute(Tuple.of(message.dedupKey(), attempt, deadLetterId)).replaceWithVoid();
    }

    /** Answers whether a consent unit had been spent on the message; nothing changes for a stale attempt. */
    private Uni<Boolean> settle(SqlClient tx, String dedupKey, int attempt, DeliveryStatus status, Integer errcode,
            Long msgid, OffsetDateTime now) {
        boolean refunds = status == DeliveryStatus.REJECTED || status == DeliveryStatus.FAILED;
        return tx.preparedQuery("""
                SELECT consent_spent FROM notification_delivery
                WHERE dedup_key = $1 AND attempts = $2 AND status = 'SENDING' FOR UPDATE""")
                .execute(Tuple.of(dedupKey, attempt))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    boolean spent = rows.iterator().next().getBoolean("consent_spent");
                    return tx.preparedQuery("""
                            UPDATE notification_delivery SET status = $2, errcode = $3, msgid = $4, lease_until = NULL,
                                   consent_spent = $5, updated_at = $6
                            WHERE dedup_key = $1""")
                            .execute(Tuple.tuple().addString(dedupKey).addString(status.name()).addInteger(errcode)
                                    .addLong(msgid).addBoolean(spent && !refunds).addOffsetDateTime(now))
                            .replaceWith(spent);
                });
    }

    private Uni<Boolean> spendConsent(SqlClient tx, OutboxMessage message, OffsetDateTime now) {
        return tx.preparedQuery("""
                UPDATE subscription_consent SET units = CASE WHEN always THEN units ELSE units - 1 END, updated_at = $3
                WHERE resident_id = $1 AND template_key = $2 AND (always OR units > 0)""")
                .execute(Tuple.of(message.residentId(), message.templateKey(), now))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery("UPDATE notification_delivery SET consent_spent = TRUE WHERE dedup_key = $1")
                                .execute(Tuple.of(message.dedupKey())).replaceWith(true));
    }

    private Uni<Void> refundConsent(SqlClient tx, OutboxMessage message, OffsetDateTime now) {
        return tx.preparedQuery("""
                UPDATE subscription_consent SET units = units + 1, updated_at = $3
                WHERE resident_id = $1 AND template_key = $2 AND NOT always""")
                .execute(Tuple.of(message.residentId(), message.templateKey(), now)).replaceWithVoid();
    }

    private Uni<Void> revokeConsent(SqlClient tx, OutboxMessage message, OffsetDateTime now) {
        return tx.preparedQuery("""
                UPDATE subscription_consent SET units = 0, always = FALSE, updated_at = $3
                WHERE resident_id = $1 AND template_key = $2""")
                .execute(Tuple.of(message.residentId(), message.templateKey(), now)).replaceWithVoid();
    }

    private Uni<String> openid(SqlClient tx, long residentId) {
        return tx.preparedQuery("SELECT openid FROM resident WHERE id = $1").execute(Tuple.of(residentId))
                .map(rows -> rows.iterator().next().getString("openid"));
    }

    private static Known known(Row row) {
        return new Known(DeliveryStatus.valueOf(row.getString("status")), row.getInteger("attempts"),
                instant(row.getOffsetDateTime("lease_until")), instant(row.getOffsetDateTime("next_attempt_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
