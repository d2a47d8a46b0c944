package org.minzheng.booking.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.CalendarDay;
import org.minzheng.booking.CalendarYear;
import org.minzheng.booking.repository.CalendarRepository;
import org.minzheng.common.error.DomainException;

/**
 * Whether a day is a workday in mainland China: a listed statutory {@code HOLIDAY} is not, even on a
 * weekday; a listed {@code MAKEUP_WORKDAY} (调休) is, even on a weekend; any other day is a workday from
 * Monday to Friday. A year nobody loaded has no listed days, so it follows the plain week.
 */
@ApplicationScoped
public class WorkCalendar {

    /** A loaded year: its source and listed days in date order. */
    public record Year(CalendarYear year, List<CalendarDay> days) {
    }

    /** The answer for every day of a range, read with one query. */
    public static final class Workdays {

        private final LocalDate from;
        private final LocalDate to;
        private final Map<LocalDate, CalendarDay.Kind> listed;
        private final Set<Integer> loadedYears;

        Workdays(LocalDate from, LocalDate to, Map<LocalDate, CalendarDay.Kind> listed, Set<Integer> loadedYears) {
            this.from = from;
            this.to = to;
            this.listed = Map.copyOf(listed);
            this.loadedYears = Set.copyOf(loadedYears);
        }

        public boolean isWorkday(LocalDate day) {
            if (day.isBefore(from) || day.isAfter(to)) {
                throw new IllegalArgumentException(day + " is outside " + from + ".." + to);
            }
            return WorkCalendar.isWorkday(day, listed.get(day));
        }

        /** Whether the national schedule of that year was loaded; if not, its holidays are unknown. */
        public boolean loaded(int year) {
            return loadedYears.contains(year);
        }
    }

    private final CalendarRepository calendar;

    public WorkCalendar(CalendarRepository calendar) {
        this.calendar = calendar;
    }

    /** The rule itself, for a day and what the calendar lists for it (null: nothing). */
    public static boolean isWorkday(LocalDate day, CalendarDay.Kind listed) {
        if (listed == CalendarDay.Kind.HOLIDAY) {
            return false;
        }
        if (listed == CalendarDay.Kind.MAKEUP_WORKDAY) {
            return true;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    public Uni<Boolean> isWorkday(LocalDate day) {
        return workdays(day, day).map(w -> w.isWorkday(day));
    }

    /** Every day from {@code from} to {@code to} inclusive, with one query (joins the caller's session). */
    public Uni<Workdays> workdays(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to before from");
        }
        return Panache.withSession(() -> calendar.listed(from, to)).map(rows -> {
            Map<LocalDate, CalendarDay.Kind> listed = new HashMap<>();
            Set<Integer> years = new HashSet<>();
            for (CalendarRepository.Listed row : rows) {
                years.add(row.year());
                if (row.day() != null) {
                    listed.put(row.day(), row.kind());
                }
            }
            return new Workdays(from, to, listed, years);
        });
    }

    /** 404 {@code CALENDAR_NOT_LOADED} for a year nobody loaded. */
    public Uni<Year> year(int year) {
        return Panache.withSession(() -> calendar.year(year)
                .onItem().ifNull().failWith(() -> new DomainException(404, "CALENDAR_NOT_LOADED", Integer.toString(year)))
                .flatMap(y -> calendar.daysOf(year).map(days -> new Year(y, days))));
    }
}
