package org.minzheng.booking.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A day's bookings counted per service type, for the administrators' dashboard: numbers only, nobody named. */
@ApplicationScoped
public class BookingFigures {

    /** {@code booked}: every booking that holds its place (held, missed or to come); the rest by outcome. */
    public record TypeDay(String serviceType, long booked, long checkedIn, long noShow, long cancelled) {
    }

    public Uni<List<TypeDay>> ofDay(LocalDate day) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT service_type,
                       count(*) FILTER (WHERE status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW')),
                       count(*) FILTER (WHERE status IN ('CHECKED_IN', 'COMPLETED')),
                       count(*) FILTER (WHERE status = 'NO_SHOW'),
                       count(*) FILTER (WHERE status = 'CANCELLED')
                FROM booking WHERE day = :day GROUP BY service_type ORDER BY service_type""", Object[].class)
                .setParameter("day", day).getResultList()))
                .map(rows -> rows.stream().map(r -> new TypeDay((String) r[0], ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList());
    }
}
