package org.minzheng.notify.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Subscribe-message consent as the mini-program reports it after {@code wx.requestSubscribeMessage}:
 * each acceptance allows one send of that template; "always accept" allows every send. The worker
 * spends the units.
 */
@ApplicationScoped
public class Subscriptions {

    public record Accepted(String templateKey, boolean always) {
    }

    public record Consent(String templateKey, int units, boolean always) {
    }

    private final Clock clock;

    public Subscriptions(Clock clock) {
        this.clock = clock;
    }

    public Uni<List<Consent>> record(long residentId, List<Accepted> accepted) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Accepted a : accepted) {
                chain = chain.flatMap(ignored -> session.createNativeQuery("""
                        INSERT INTO subscription_consent (resident_id, template_key, units, always, updated_at)
                        VALUES (:resident, :template, 1, :always, :now)
                        ON CONFLICT (resident_id, template_key) DO UPDATE
                            SET units = subscription_consent.units + 1,
                                always = subscription_consent.always OR EXCLUDED.always,
                                updated_at = EXCLUDED.updated_at""")
                        .setParameter("resident", residentId).setParameter("template", a.templateKey())
                        .setParameter("always", a.always()).setParameter("now", clock.instant())
                        .executeUpdate().replaceWithVoid());
            }
            // answered on the transaction's connection: refused after the commit, a retry would count the consents twice
            return chain.flatMap(ignored -> of(residentId));
        }));
    }

    public Uni<List<Consent>> of(long residentId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT template_key, units, always FROM subscription_consent WHERE resident_id = :resident ORDER BY template_key",
                Object[].class).setParameter("resident", residentId).getResultList()))
                .map(rows -> rows.stream().map(r -> new Consent((String) r[0], ((Number) r[1]).intValue(), (Boolean) r[2]))
                        .toList());
    }
}
