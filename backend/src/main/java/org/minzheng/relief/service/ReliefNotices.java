package org.minzheng.relief.service;

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
import org.minzheng.relief.ReliefWorkflows;

/**
 * 公示: when the street publishes a case, the community sees the applicant's masked name, the type and the
 * household size, for seven days. The list shows the notices still running (or held by an objection);
 * once the engine's timer ends a notice, it is gone from the list.
 */
@ApplicationScoped
public class ReliefNotices {

    /** {@code held}: an objection is being looked into; the notice does not end on its own meanwhile. */
    public record Notice(long id, String streetCode, ReliefType type, String maskedName, int householdSize,
            Instant publishedAt, Instant endsAt, boolean held) {
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

    /** The street's running notices, newest case first, after {@code before} (a cursor's id). */
    public Uni<List<Notice>> running(String streetCode, Long before, int limitPlusOne) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT n.application_id, n.street_code, n.relief_type, n.masked_name, n.household_size, n.published_at,
                       n.ends_at, a.status
                FROM relief_notice n JOIN application a ON a.id = n.application_id
                WHERE n.street_code = :street AND n.application_id < :before AND a.status IN (:running)
                ORDER BY n.application_id DESC LIMIT :limit""", Object[].class)
                .setParameter("street", streetCode).setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("running", List.of(ReliefWorkflows.PUBLIC_NOTICE, ReliefWorkflows.OBJECTION))
                .setParameter("limit", limitPlusOne).getResultList()))
                .map(rows -> rows.stream().map(r -> new Notice(((Number) r[0]).longValue(), (String) r[1],
                        ReliefType.valueOf((String) r[2]), (String) r[3], ((Number) r[4]).intValue(), SqlTimes.instant(r[5]),
                        SqlTimes.instant(r[6]), ReliefWorkflows.OBJECTION.equals(r[7]))).toList());
    }
}
