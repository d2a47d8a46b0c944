package org.minzheng.booking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.common.AffectedEntities;
import org.minzheng.booking.CalendarDay;
import org.minzheng.booking.CalendarYear;

/** The work calendar's days; years through the session ({@link CalendarYear} is keyed by the year). */
@ApplicationScoped
public class CalendarRepository implements PanacheRepository<CalendarDay> {

    /**
     * A listed day of a loaded year, or (day null) a loaded year with no listed day in the range; Hibernate calls
     * its constructor reflectively.
     */
    @RegisterForReflection
    public record Listed(int year, LocalDate day, CalendarDay.Kind kind) {
    }

    private static final AffectedEntities CALENDAR = new AffectedEntities(CalendarYear.class, CalendarDay.class);

    public Uni<List<CalendarDay>> daysOf(int year) {
        return list("year = ?1 ORDER BY day", year);
    }

    public Uni<CalendarYear> year(int year) {
        return getSession().flatMap(session -> session.find(CalendarYear.class, year));
    }

    /**
     * One query for a whole range: every loaded year the range touches, with its listed days in the range.
     */
    public Uni<List<Listed>> listed(LocalDate from, LocalDate to) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "SELECT y.year, d.day, d.kind "
                        + "FROM CalendarYear y LEFT JOIN CalendarDay d ON d.year = y.year AND d.day BETWEEN :from AND :to "
                        + "WHERE y.year BETWEEN :fromYear AND :toYear",
                Listed.class)
                .setParameter("from", from).setParameter("to", to)
                .setParameter("fromYear", from.getYear()).setParameter("toYear", to.getYear())
                .getResultList());
    }

    /**
     * Takes the year's row (inserting or updating it), which also serialises concurrent replacements of
     * the same year, then removes its days; the caller inserts the new ones in the same transaction.
     */
    public Uni<Void> resetYear(int year, String source, Instant loadedAt) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO calendar_year (year, source, loaded_at) VALUES (:year, :source, :loadedAt) "
                        + "ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_at = EXCLUDED.loaded_at",
                CALENDAR)
                .setParameter("year", year).setParameter("source", source).setParameter("loadedAt", loadedAt)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("DELETE FROM calendar_day WHERE year = :year", CALENDAR)
                        .setParameter("year", year).executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<Void> insertDay(int year, LocalDate day, CalendarDay.Kind kind, String name) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO calendar_day (day, year, kind, name) VALUES (:day, :year, :kind, :name)", CALENDAR)
                .setParameter("day", day).setParameter("year", year).setParameter("kind", kind.name())
                .setParameter("name", name)
                .executeUpdate())
                .replaceWithVoid();
    }
}
