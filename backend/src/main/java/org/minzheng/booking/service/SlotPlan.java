package org.minzheng.booking.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.minzheng.booking.Schedule;
import org.minzheng.booking.ScheduleException;
import org.minzheng.common.time.ClockProducer;

/**
 * The slots one day should have for one service type at one point: a pure function of the schedules,
 * that day's exceptions and whether the work calendar makes the day a workday.
 *
 * <ul>
 * <li>{@code CLOSED}: no slots at all that day; with a window, no slots overlapping it.
 * <li>{@code SPECIAL_OPENING}: the day opens with the exception's own window, slot length, capacity and
 * release moment instead of the weekly schedule, even on a weekend or holiday.
 * <li>otherwise every schedule valid that day and opening on it (workdays of the calendar, or its ISO
 * weekdays) is cut into {@code slotMinutes} pieces; a last piece shorter than that is dropped.
 * <li>{@code CAPACITY}: every slot of the day gets that capacity (and parking, when it gives one).
 * </ul>
 * A schedule's slots open {@code releaseDaysBefore} days ahead at {@code releaseTime} (Asia/Shanghai).
 */
public final class SlotPlan {

    /** One wanted slot of a day. */
    public record Wanted(LocalTime startsAt, LocalTime endsAt, int capacity, Integer parkingCapacity, Instant releaseAt,
            Long scheduleId) {
    }

    private SlotPlan() {
    }

    /**
     * @param schedules every schedule of the point and type (any validity); overlaps resolve to the lowest id
     * @param exceptions the exceptions of this point, type and day
     */
    public static List<Wanted> forDay(LocalDate day, boolean workday, List<Schedule> schedules,
            List<ScheduleException> exceptions) {
        List<ScheduleException> closures = exceptions.stream().filter(e -> e.kind == ScheduleException.Kind.CLOSED).toList();
        if (closures.stream().anyMatch(c -> c.startsAt == null)) {
            return List.of();
        }
        Map<LocalTime, Wanted> byStart = new LinkedHashMap<>();
        Optional<ScheduleException> special = kind(exceptions, ScheduleException.Kind.SPECIAL_OPENING);
        if (special.isPresent()) {
            ScheduleException s = special.get();
            for (LocalTime[] piece : pieces(s.startsAt, s.endsAt, s.slotMinutes)) {
                byStart.putIfAbsent(piece[0], new Wanted(piece[0], piece[1], s.capacity, s.parkingCapacity, s.releaseAt, null));
            }
        } else {
            schedules.stream()
                    .filter(s -> s.opensOn(day, workday))
                    .sorted(Comparator.comparing(s -> s.id))
                    .forEach(s -> {
                        Instant release = releaseAt(day, s.releaseDaysBefore, s.releaseTime);
                        for (LocalTime[] piece : pieces(s.startsAt, s.endsAt, s.slotMinutes)) {
                            byStart.putIfAbsent(piece[0], new Wanted(piece[0], piece[1], s.capacity, s.parkingCapacity, release, s.id));
                        }
                    });
        }
        Optional<ScheduleException> capacity = kind(exceptions, ScheduleException.Kind.CAPACITY);
        return byStart.values().stream()
                .filter(w -> closures.stream().noneMatch(c -> w.startsAt().isBefore(c.endsAt) && c.startsAt.isBefore(w.endsAt())))
                .map(w -> capacity.map(c -> new Wanted(w.startsAt(), w.endsAt(), c.capacity,
                        c.parkingCapacity != null ? c.parkingCapacity : w.parkingCapacity(), w.releaseAt(), w.scheduleId()))
                        .orElse(w))
                .sorted(Comparator.comparing(Wanted::startsAt))
                .toList();
    }

    /** {@code [start, start+m), [start+m, start+2m), ...} within the window; a shorter last piece is dropped. */
    static List<LocalTime[]> pieces(LocalTime start, LocalTime end, int minutes) {
        List<LocalTime[]> pieces = new ArrayList<>();
        int step = minutes * 60;
        int to = end.toSecondOfDay();
        for (int from = start.toSecondOfDay(); from + step <= to; from += step) {
            pieces.add(new LocalTime[] { LocalTime.ofSecondOfDay(from), LocalTime.ofSecondOfDay(from + step) });
        }
        return pieces;
    }

    /** {@code releaseTime} on the day {@code daysBefore} days earlier, in Asia/Shanghai; null when not set. */
    public static Instant releaseAt(LocalDate day, Integer daysBefore, LocalTime releaseTime) {
        if (daysBefore == null || releaseTime == null) {
            return null;
        }
        return ZonedDateTime.of(day.minusDays(daysBefore), releaseTime, ClockProducer.ZONE).toInstant();
    }

    private static Optional<ScheduleException> kind(List<ScheduleException> exceptions, ScheduleException.Kind kind) {
        return exceptions.stream().filter(e -> e.kind == kind).findFirst();
    }
}
