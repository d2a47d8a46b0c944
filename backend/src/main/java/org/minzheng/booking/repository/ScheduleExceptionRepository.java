package org.minzheng.booking.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ScheduleException;

@ApplicationScoped
public class ScheduleExceptionRepository implements PanacheRepository<ScheduleException> {

    public Uni<List<ScheduleException>> of(long pointId, String serviceType, LocalDate from, LocalDate to) {
        return list("servicePointId = ?1 AND serviceType = ?2 AND day BETWEEN ?3 AND ?4 ORDER BY day, id",
                pointId, serviceType, from, to);
    }

    /** Days from {@code from} to {@code to} with a special opening of the type at any point of the site. */
    public Uni<List<LocalDate>> specialDaysOfSite(long siteId, String serviceType, LocalDate from, LocalDate to) {
        return getSession().flatMap(s -> s.createNativeQuery("""
                SELECT DISTINCT e.day FROM schedule_exception e JOIN service_point p ON p.id = e.service_point_id
                WHERE p.site_id = :site AND e.service_type = :type AND e.kind = 'SPECIAL_OPENING'
                  AND e.day BETWEEN :from AND :to ORDER BY e.day""", LocalDate.class)
                .setParameter("site", siteId).setParameter("type", serviceType).setParameter("from", from)
                .setParameter("to", to).getResultList());
    }

    /** The closure of exactly this window (or the whole day, when {@code startsAt} is null), if there is one. */
    public Uni<ScheduleException> closure(long pointId, String serviceType, LocalDate day, java.time.LocalTime startsAt,
            java.time.LocalTime endsAt) {
        return startsAt == null
                ? find("servicePointId = ?1 AND serviceType = ?2 AND day = ?3 AND kind = ?4 AND startsAt IS NULL",
                        pointId, serviceType, day, ScheduleException.Kind.CLOSED).firstResult()
                : find("servicePointId = ?1 AND serviceType = ?2 AND day = ?3 AND kind = ?4 AND startsAt = ?5 AND endsAt = ?6",
                        pointId, serviceType, day, ScheduleException.Kind.CLOSED, startsAt, endsAt).firstResult();
    }

    public Uni<ScheduleException> findOf(long pointId, long exceptionId) {
        return find("id = ?1 AND servicePointId = ?2", exceptionId, pointId).firstResult();
    }

    /** In id order after {@code afterId}; the day range and type are optional. */
    public Uni<List<ScheduleException>> page(long pointId, String serviceType, LocalDate from, LocalDate to, Long afterId,
            int limit) {
        List<String> where = new ArrayList<>(List.of("servicePointId = :point"));
        Parameters params = Parameters.with("point", pointId);
        if (serviceType != null) {
            where.add("serviceType = :type");
            params.and("type", serviceType);
        }
        if (from != null) {
            where.add("day >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.add("day <= :to");
            params.and("to", to);
        }
        if (afterId != null) {
            where.add("id > :after");
            params.and("after", afterId);
        }
        return find(String.join(" AND ", where) + " ORDER BY id", params).page(0, limit).list();
    }
}
