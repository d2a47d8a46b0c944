package org.minzheng.booking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minzheng.booking.Schedule;
import org.minzheng.booking.ScheduleException;

/** The rules that turn schedules and exceptions into one day's slots, without a database. */
class SlotPlanTest {

    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 10, 14);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 10, 17);

    private static Schedule schedule(long id, boolean workdaysOnly, Integer[] weekdays, String from, String to, int minutes,
            int capacity) {
        Schedule s = new Schedule();
        s.id = id;
        s.workdaysOnly = workdaysOnly;
        s.weekdays = weekdays;
        s.startsAt = LocalTime.parse(from);
        s.endsAt = LocalTime.parse(to);
        s.slotMinutes = minutes;
        s.capacity = capacity;
        s.validFrom = LocalDate.of(2026, 1, 1);
        return s;
    }

    private static ScheduleException exception(ScheduleException.Kind kind) {
        ScheduleException e = new ScheduleException();
        e.kind = kind;
        return e;
    }

    private static List<String> starts(List<SlotPlan.Wanted> slots) {
        return slots.stream().map(w -> w.startsAt() + "-" + w.endsAt()).toList();
    }

    @Test
    void aWindowIsCutIntoSlotsAndAShortLastPieceIsDropped() {
        Schedule s = schedule(1, true, new Integer[0], "09:00", "11:40", 30, 6);
        assertThat(starts(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of())))
                .containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00", "11:00-11:30");
    }

    @Test
    void workdaysOnlyFollowsTheCalendarAndWeekdaysFollowTheWeek() {
        Schedule workdays = schedule(1, true, new Integer[0], "09:00", "10:00", 60, 1);
        Schedule weekends = schedule(2, false, new Integer[] { 6, 7 }, "14:00", "15:00", 60, 1);
        // a weekday holiday: not a workday, and not a weekend day either
        assertThat(SlotPlan.forDay(WEDNESDAY, false, List.of(workdays, weekends), List.of())).isEmpty();
        // a make-up Saturday: a workday, and a Saturday
        assertThat(starts(SlotPlan.forDay(SATURDAY, true, List.of(workdays, weekends), List.of())))
                .containsExactly("09:00-10:00", "14:00-15:00");
    }

    @Test
    void aScheduleAppliesOnlyWithinItsValidity() {
        Schedule s = schedule(1, true, new Integer[0], "09:00", "10:00", 60, 1);
        s.validFrom = WEDNESDAY.plusDays(1);
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of())).isEmpty();
        s.validFrom = WEDNESDAY.minusDays(7);
        s.validTo = WEDNESDAY.minusDays(1);
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of())).isEmpty();
        s.validTo = WEDNESDAY;
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of())).hasSize(1);
    }

    @Test
    void aClosedWindowRemovesOnlyTheSlotsOverlappingItAndParkingFollowsTheSchedule() {
        Schedule s = schedule(1, false, new Integer[] { 1, 2, 3, 4, 5, 6, 7 }, "07:00", "12:00", 60, 50);
        s.parkingCapacity = 20;
        ScheduleException storm = exception(ScheduleException.Kind.CLOSED);
        storm.startsAt = LocalTime.of(9, 30);
        storm.endsAt = LocalTime.of(11, 0);
        ScheduleException fewer = exception(ScheduleException.Kind.CAPACITY);
        fewer.capacity = 30;
        fewer.parkingCapacity = 5;
        List<SlotPlan.Wanted> day = SlotPlan.forDay(SATURDAY, false, List.of(s), List.of(storm, fewer));
        assertThat(starts(day)).containsExactly("07:00-08:00", "08:00-09:00", "11:00-12:00");
        assertThat(day).allSatisfy(w -> {
            assertThat(w.capacity()).isEqualTo(30);
            assertThat(w.parkingCapacity()).isEqualTo(5);
        });
        assertThat(SlotPlan.forDay(SATURDAY, false, List.of(s), List.of(storm)))
                .allSatisfy(w -> assertThat(w.parkingCapacity()).isEqualTo(20));
    }

    @Test
    void closedWinsOverEverything() {
        Schedule s = schedule(1, true, new Integer[0], "09:00", "10:00", 30, 1);
        ScheduleException special = exception(ScheduleException.Kind.SPECIAL_OPENING);
        special.startsAt = LocalTime.of(10, 0);
        special.endsAt = LocalTime.of(11, 0);
        special.slotMinutes = 60;
        special.capacity = 9;
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s),
                List.of(special, exception(ScheduleException.Kind.CLOSED)))).isEmpty();
    }

    @Test
    void aSpecialOpeningReplacesTheWeekWithItsOwnWindowCapacityAndRelease() {
        Schedule s = schedule(1, true, new Integer[0], "09:00", "10:00", 30, 1);
        ScheduleException special = exception(ScheduleException.Kind.SPECIAL_OPENING);
        special.startsAt = LocalTime.of(10, 0);
        special.endsAt = LocalTime.of(12, 30);
        special.slotMinutes = 60;
        special.capacity = 9;
        special.releaseAt = Instant.parse("2026-10-10T00:30:00Z");
        List<SlotPlan.Wanted> slots = SlotPlan.forDay(SATURDAY, false, List.of(s), List.of(special));
        assertThat(starts(slots)).containsExactly("10:00-11:00", "11:00-12:00");
        assertThat(slots).allSatisfy(w -> {
            assertThat(w.capacity()).isEqualTo(9);
            assertThat(w.releaseAt()).isEqualTo(special.releaseAt);
            assertThat(w.scheduleId()).isNull();
        });
    }

    @Test
    void aCapacityExceptionSetsEverySlotOfTheDay() {
        Schedule s = schedule(1, true, new Integer[0], "09:00", "10:00", 30, 6);
        ScheduleException capacity = exception(ScheduleException.Kind.CAPACITY);
        capacity.capacity = 2;
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of(capacity)))
                .extracting(SlotPlan.Wanted::capacity).containsExactly(2, 2);
    }

    @Test
    void releaseIsTheReleaseTimeInShanghaiTheGivenDaysBefore() {
        Schedule s = schedule(1, true, new Integer[0], "09:00", "09:30", 30, 6);
        s.releaseDaysBefore = 7;
        s.releaseTime = LocalTime.of(8, 30);
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of()).get(0).releaseAt())
                .isEqualTo(Instant.parse("2026-10-07T00:30:00Z"));
        s.releaseDaysBefore = null;
        s.releaseTime = null;
        assertThat(SlotPlan.forDay(WEDNESDAY, true, List.of(s), List.of()).get(0).releaseAt()).isNull();
    }

    @Test
    void overlappingSchedulesGiveOneSlotPerStartFromTheOldestSchedule() {
        Schedule older = schedule(1, true, new Integer[0], "09:00", "10:00", 30, 6);
        Schedule newer = schedule(2, false, new Integer[] { 3 }, "09:30", "10:30", 30, 2);
        List<SlotPlan.Wanted> slots = SlotPlan.forDay(WEDNESDAY, true, List.of(newer, older), List.of());
        assertThat(starts(slots)).containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30");
        assertThat(slots).extracting(SlotPlan.Wanted::scheduleId).containsExactly(1L, 1L, 2L);
    }
}
