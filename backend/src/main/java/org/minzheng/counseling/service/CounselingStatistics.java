package org.minzheng.counseling.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.counseling.Counselor;

/**
 * Counts of each counselor's sessions on some days and their ratings: numbers only, never a description, a note
 * or a comment. The no-show rate is of the sessions that were due (held or missed).
 */
@ApplicationScoped
public class CounselingStatistics {

    public record Figures(long counselorId, String name, Counselor.Profession profession, boolean active, long booked,
            long held, long noShows, long cancelled, BigDecimal noShowRate, long ratings, BigDecimal averageRating) {
    }

    /** One counselor's figures over every day there was. */
    public Uni<Figures> allTime(long counselorId) {
        return of(counselorId, LocalDate.of(2000, 1, 1), LocalDate.of(9999, 12, 31)).map(list -> list.get(0));
    }

    /** Every counselor's figures for sessions on {@code from..to}, or one counselor's when {@code counselorId} is set. */
    public Uni<List<Figures>> of(Long counselorId, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT c.id, c.name, c.profession, c.active,
                       count(b.id) FILTER (WHERE b.status IN ('CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW')),
                       count(b.id) FILTER (WHERE b.status = 'COMPLETED'),
                       count(b.id) FILTER (WHERE b.status = 'NO_SHOW'),
                       count(b.id) FILTER (WHERE b.status = 'CANCELLED'),
                       count(f.rating), avg(f.rating)
                FROM counselor c
                LEFT JOIN booking b ON b.service_point_id = c.service_point_id AND b.service_type = 'COUNSELING'
                                   AND b.day BETWEEN :from AND :to
                LEFT JOIN counseling_feedback f ON f.booking_id = b.id
                WHERE c.id = :counselor OR :counselor = 0
                GROUP BY c.id ORDER BY c.id""", Object[].class)
                .setParameter("from", from).setParameter("to", to)
                .setParameter("counselor", counselorId == null ? 0L : counselorId).getResultList()))
                .map(rows -> rows.stream().map(CounselingStatistics::figures).toList());
    }

    private static Figures figures(Object[] r) {
        long held = ((Number) r[5]).longValue();
        long noShows = ((Number) r[6]).longValue();
        return new Figures(((Number) r[0]).longValue(), (String) r[1], Counselor.Profession.valueOf((String) r[2]),
                (Boolean) r[3], ((Number) r[4]).longValue(), held, noShows, ((Number) r[7]).longValue(),
                held + noShows == 0 ? null : BigDecimal.valueOf(noShows).divide(BigDecimal.valueOf(held + noShows), 3, RoundingMode.HALF_UP),
                ((Number) r[8]).longValue(),
                r[9] == null ? null : new BigDecimal(r[9].toString()).setScale(2, RoundingMode.HALF_UP));
    }
}
