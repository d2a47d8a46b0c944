package org.minzheng.relief.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.casework.Application;
import org.minzheng.common.privacy.Masks;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.relief.ReliefForm;
import org.minzheng.relief.ReliefType;

/**
 * 公示: when the street publishes a case, the community sees the applicant's masked name, the type and the
 * household size for seven days, and nothing else (not even that someone objected). A notice is listed
 * only while it runs: the row goes when the case leaves the notice (ended by the timer, held by an objection,
 * withdrawn) and comes back when it is published again; a notice past its end is never shown, timer or not.
 */
@ApplicationScoped
public class ReliefNotices {

    public record Notice(String streetCode, ReliefType type, String maskedName, int householdSize, Instant publishedAt,
            Instant endsAt) {
    }

    /** A notice with the key its list is paged by (not shown: the case's id is not the public's). */
    public record Listed(long key, Notice notice) {
    }

    private final Clock clock;

    public ReliefNotices(Clock clock) {
        this.clock = clock;
    }

    /** In the publishing transaction: the notice starts now (again, after an objection was dismissed). */
    public Uni<Void> publish(Application app, ReliefType type, ReliefForm form) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO relief_notice (application_id, street_code, relief_type, masked_name, household_size,
                                           published_at, ends_at)
                VALUES (:id, :street, :type, :name, :size, :now, :ends)
                ON CONFLICT (application_id) DO UPDATE SET published_at = excluded.published_at, ends_at = excluded.ends_at,
                    masked_name = excluded.masked_name, household_size = excluded.household_size""")
                .setParameter("id", app.id).setParameter("street", app.streetCode).setParameter("type", type.name())
                .setParameter("name", Masks.name(form.self().name())).setParameter("size", form.members().size())
                .setParameter("now", app.updatedAt).setParameter("ends", app.dueAt)
                .executeUpdate()).replaceWithVoid();
    }

    /** In the transaction of a case leaving its notice. */
    public Uni<Void> withdraw(Application app) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("DELETE FROM relief_notice WHERE application_id = :id")
                .setParameter("id", app.id).executeUpdate()).replaceWithVoid();
    }

    /** The street's running notices, newest case first, after {@code before} (a cursor's key). */
    public Uni<List<Listed>> running(String streetCode, Long before, int limitPlusOne) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT application_id, street_code, relief_type, masked_name, household_size, published_at, ends_at
                FROM relief_notice
                WHERE street_code = :street AND application_id < :before AND ends_at > :now
                ORDER BY application_id DESC LIMIT :limit""", Object[].class)
                .setParameter("street", streetCode).setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("now", clock.instant()).setParameter("limit", limitPlusOne).getResultList()))
                .map(rows -> rows.stream().map(r -> new Listed(((Number) r[0]).longValue(), new Notice((String) r[1],
                        ReliefType.valueOf((String) r[2]), (String) r[3], ((Number) r[4]).intValue(), SqlTimes.instant(r[5]),
                        SqlTimes.instant(r[6])))).toList());
    }
}
