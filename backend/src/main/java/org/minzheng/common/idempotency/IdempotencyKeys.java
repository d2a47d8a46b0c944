package org.minzheng.common.idempotency;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * {@code Idempotency-Key} for creating POSTs. The key is claimed by an INSERT in the same transaction as
 * the work: a parallel duplicate waits on the unique key until the first commits, then replays its
 * answer; if the first failed (rolled back), the duplicate does the work itself. Only successes are
 * remembered, so a retry after an error tries again.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final java.util.regex.Pattern SANE = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{8,128}");

    private final ObjectMapper json;
    private final Clock clock;

    public IdempotencyKeys(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public static void validate(String key) {
        if (key != null && !SANE.matcher(key).matches()) {
            throw new DomainException(400, "INVALID_IDEMPOTENCY_KEY",
                    List.of(new FieldError(HEADER, "INVALID_IDEMPOTENCY_KEY", null)), Map.of());
        }
    }

    /**
     * Runs {@code work} once per (actor, key) within the current transaction, or replays the first
     * answer. {@code fingerprint} identifies the request; the same key with another request is refused.
     */
    public <T> Uni<T> once(String actor, String key, String fingerprint, Class<T> type, Supplier<Uni<T>> work) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO idempotency_key (actor, key, fingerprint, created_at) VALUES (:actor, :key, :fp, :now)
                ON CONFLICT (actor, key) DO NOTHING""")
                .setParameter("actor", actor).setParameter("key", key).setParameter("fp", fingerprint)
                .setParameter("now", clock.instant())
                .executeUpdate()
                .flatMap(inserted -> inserted == 1
                        ? work.get().call(result -> store(actor, key, result))
                        : replay(actor, key, fingerprint, type)));
    }

    /**
     * The answer already given to (actor, key), replayed, or else {@code otherwise}: a read outside any transaction,
     * for a request that can be refused without work (a full slot) but must not refuse what it once granted.
     */
    public <T> Uni<T> answeredOr(String actor, String key, String fingerprint, Class<T> type, Supplier<Uni<T>> otherwise) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> answer(session, actor, key)
                .getResultList()
                .flatMap(rows -> rows.isEmpty() ? otherwise.get()
                        : Uni.createFrom().item(() -> replayed(rows.get(0), fingerprint, type)))));
    }

    private Uni<Void> store(String actor, String key, Object result) {
        String body;
        try {
            body = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE idempotency_key SET response = CAST(CAST(:body AS text) AS jsonb) WHERE actor = :actor AND key = :key")
                .setParameter("body", body).setParameter("actor", actor).setParameter("key", key)
                .executeUpdate()).replaceWithVoid();
    }

    private <T> Uni<T> replay(String actor, String key, String fingerprint, Class<T> type) {
        return Panache.getSession().flatMap(session -> answer(session, actor, key).getSingleResult())
                .map(row -> replayed(row, fingerprint, type));
    }

    private static Mutiny.SelectionQuery<Object[]> answer(
            Mutiny.Session session, String actor, String key) {
        return session.createNativeQuery(
                "SELECT fingerprint, CAST(response AS text) FROM idempotency_key WHERE actor = :actor AND key = :key",
                Object[].class)
                .setParameter("actor", actor).setParameter("key", key);
    }

    private <T> T replayed(Object[] row, String fingerprint, Class<T> type) {
        if (!fingerprint.equals(row[0])) {
            throw new DomainException(422, "IDEMPOTENCY_KEY_REUSED");
        }
        if (row[1] == null) {
            throw new DomainException(409, "IDEMPOTENCY_KEY_IN_PROGRESS");
        }
        try {
            return json.readValue((String) row[1], type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
