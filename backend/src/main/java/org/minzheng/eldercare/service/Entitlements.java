package org.minzheng.eldercare.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.error.DomainException;

/**
 * A person's entitlement balances per kind and year (e.g. {@code RESPITE_DAYS}). Spending and giving back are
 * one conditional statement each, inside the caller's transaction: the row itself keeps the balance within
 * what was granted, whatever runs at the same time.
 */
@ApplicationScoped
public class Entitlements {

    public static final String RESPITE_DAYS = "RESPITE_DAYS";

    public record Balance(String kind, int year, int granted, int used) {

        public int remaining() {
            return granted - used;
        }
    }

    private final Clock clock;

    public Entitlements(Clock clock) {
        this.clock = clock;
    }

    /** In the caller's transaction: the year's balance is at least {@code amount} (decisions grant, they do not add up). */
    public Uni<Void> grant(byte[] person, String kind, int year, int amount) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO entitlement (id_number_index, kind, year, granted, updated_at) VALUES (:person, :kind, :year, :amount, :now)
                ON CONFLICT (id_number_index, kind, year) DO UPDATE
                SET granted = GREATEST(entitlement.granted, excluded.granted), updated_at = excluded.updated_at""")
                .setParameter("person", person).setParameter("kind", kind).setParameter("year", year)
                .setParameter("amount", amount).setParameter("now", clock.instant()).executeUpdate()).replaceWithVoid();
    }

    /** In the caller's transaction: spends one, or 409 {@code NO_BALANCE_LEFT} when none is left (or none was granted). */
    public Uni<Void> spend(byte[] person, String kind, int year) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                UPDATE entitlement SET used = used + 1, updated_at = :now
                WHERE id_number_index = :person AND kind = :kind AND year = :year AND used < granted""")
                .setParameter("person", person).setParameter("kind", kind).setParameter("year", year)
                .setParameter("now", clock.instant()).executeUpdate())
                .invoke(updated -> {
                    if (updated == 0) {
                        throw new DomainException(409, "NO_BALANCE_LEFT");
                    }
                }).replaceWithVoid();
    }

    /**
     * In the caller's transaction: gives back the one a booking spent, for the person it names (read from the
     * booking engine's own record of them, which a revoked dependant does not change).
     */
    public Uni<Void> giveBackFor(long bookingId, String kind, int year) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                UPDATE entitlement SET used = used - 1, updated_at = :now
                WHERE id_number_index = (SELECT id_number_index FROM booking_person WHERE booking_id = :booking LIMIT 1)
                  AND kind = :kind AND year = :year AND used > 0""")
                .setParameter("booking", bookingId).setParameter("kind", kind).setParameter("year", year)
                .setParameter("now", clock.instant()).executeUpdate())
                .invoke(updated -> {
                    if (updated == 0) {
                        throw new IllegalStateException("an entitlement given back was never spent");
                    }
                }).replaceWithVoid();
    }

    public Uni<List<Balance>> of(byte[] person) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT kind, year, granted, used FROM entitlement WHERE id_number_index = :person ORDER BY year DESC, kind",
                Object[].class).setParameter("person", person).getResultList()))
                .map(rows -> rows.stream().map(r -> new Balance((String) r[0], ((Number) r[1]).intValue(),
                        ((Number) r[2]).intValue(), ((Number) r[3]).intValue())).toList());
    }
}
