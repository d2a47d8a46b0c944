package org.minzheng.booking.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.CalendarDay;
import org.minzheng.booking.repository.CalendarRepository;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Administrators load a year of the national holiday schedule (published by the State Council each
 * November) as a whole: it replaces the year atomically, and the slots of its days are re-materialised in
 * the same transaction.
 */
@ApplicationScoped
public class WorkCalendarLoader {

    public static final String MAKEUP_NAME = "调休上班";

    public record Holiday(String name, LocalDate from, LocalDate to) {
    }

    private final CalendarRepository calendar;
    private final WorkCalendar workCalendar;
    private final SlotMaterialiser materialiser;
    private final AuditLog audit;
    private final Clock clock;

    public WorkCalendarLoader(CalendarRepository calendar, WorkCalendar workCalendar, SlotMaterialiser materialiser,
            AuditLog audit, Clock clock) {
        this.calendar = calendar;
        this.workCalendar = workCalendar;
        this.materialiser = materialiser;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Replaces the year: every date must lie in it, a holiday runs forward ({@code from <= to}), holidays do
     * not overlap, and no day is both a holiday and a make-up workday. 400 {@code VALIDATION_FAILED} with the
     * offending fields otherwise, and nothing changes.
     */
    public Uni<WorkCalendar.Year> replace(long adminId, int year, String source, List<Holiday> holidays,
            List<LocalDate> makeupWorkdays) {
        Map<LocalDate, Listed> days = validate(year, holidays, makeupWorkdays);
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        return Panache.withTransaction(() -> calendar.resetYear(year, source.strip(), clock.instant())
                .chain(() -> Multi.createFrom().iterable(days.entrySet())
                        .onItem().transformToUniAndConcatenate(
                                e -> calendar.insertDay(year, e.getKey(), e.getValue().kind(), e.getValue().name()))
                        .collect().last())
                .chain(() -> audit.record(Actor.staff(adminId), "CALENDAR_REPLACED", "calendar:" + year, null))
                .chain(() -> materialiser.materialiseDays(first, last))
                .chain(() -> workCalendar.year(year)));
    }

    private record Listed(CalendarDay.Kind kind, String name) {
    }

    private static Map<LocalDate, Listed> validate(int year, List<Holiday> holidays, List<LocalDate> makeupWorkdays) {
        List<FieldError> errors = new ArrayList<>();
        Map<LocalDate, Listed> days = new java.util.TreeMap<>();
        Map<LocalDate, String> holidayField = new HashMap<>();
        for (int i = 0; i < holidays.size(); i++) {
            Holiday h = holidays.get(i);
            String field = "holidays[" + i + "]";
            boolean inYear = true;
            if (h.from().getYear() != year) {
                errors.add(new FieldError(field + ".from", "DATE_OUTSIDE_YEAR", null));
                inYear = false;
            }
            if (h.to().getYear() != year) {
                errors.add(new FieldError(field + ".to", "DATE_OUTSIDE_YEAR", null));
                inYear = false;
            }
            if (h.to().isBefore(h.from())) {
                errors.add(new FieldError(field + ".to", "BEFORE_FROM", null));
                continue;
            }
            if (!inYear) {
                continue;
            }
            for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                if (days.containsKey(d)) {
                    errors.add(new FieldError(field, "HOLIDAYS_OVERLAP", null));
                    break;
                }
                days.put(d, new Listed(CalendarDay.Kind.HOLIDAY, h.name().strip()));
                holidayField.put(d, field);
            }
        }
        for (int i = 0; i < makeupWorkdays.size(); i++) {
            LocalDate d = makeupWorkdays.get(i);
            String field = "makeupWorkdays[" + i + "]";
            if (d.getYear() != year) {
                errors.add(new FieldError(field, "DATE_OUTSIDE_YEAR", null));
            } else if (holidayField.containsKey(d)) {
                errors.add(new FieldError(field, "HOLIDAY_AND_MAKEUP_WORKDAY", null));
            } else if (days.containsKey(d)) {
                errors.add(new FieldError(field, "DUPLICATE_DAY", null));
            } else {
                days.put(d, new Listed(CalendarDay.Kind.MAKEUP_WORKDAY, MAKEUP_NAME));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "VALIDATION_FAILED", errors, Map.of());
        }
        return days;
    }
}
