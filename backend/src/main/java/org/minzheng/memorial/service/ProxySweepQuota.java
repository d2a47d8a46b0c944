package org.minzheng.memorial.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The places of a cemetery's day (table {@code proxy_sweep_day}), taken and given back inside the
 * caller's transaction. Taking is one conditional upsert: parallel requests queue on the row lock and
 * each sees the count the one before it left, so the limit holds under any concurrency.
 */
@ApplicationScoped
public class ProxySweepQuota {

    /** True when a place was taken; false when the day already has {@code limit} live requests. */
    public Uni<Boolean> take(Mutiny.Session session, long cemeteryId, LocalDate day, int limit) {
        return session.createNativeQuery("""
                INSERT INTO proxy_sweep_day (cemetery_id, day, taken) SELECT :cemetery, :day, 1 WHERE :limit >= 1
                ON CONFLICT (cemetery_id, day) DO UPDATE SET taken = proxy_sweep_day.taken + 1
                WHERE proxy_sweep_day.taken < :limit""")
                .setParameter("cemetery", cemeteryId).setParameter("day", day).setParameter("limit", limit)
                .executeUpdate()
                .map(changed -> changed == 1);
    }

    public Uni<Void> giveBack(Mutiny.Session session, long cemeteryId, LocalDate day) {
        return session.createNativeQuery("""
                UPDATE proxy_sweep_day SET taken = taken - 1 WHERE cemetery_id = :cemetery AND day = :day AND taken > 0""")
                .setParameter("cemetery", cemeteryId).setParameter("day", day)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Places taken on a day, for the staff list. */
    public Uni<Integer> taken(Mutiny.Session session, long cemeteryId, LocalDate day) {
        return session.createNativeQuery("SELECT taken FROM proxy_sweep_day WHERE cemetery_id = :cemetery AND day = :day",
                Integer.class)
                .setParameter("cemetery", cemeteryId).setParameter("day", day)
                .getResultList()
                .map(rows -> rows.isEmpty() ? 0 : rows.get(0));
    }
}
