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
