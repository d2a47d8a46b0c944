package org.minzheng.booking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minzheng.booking.SupplyFixtures.day;
import static org.minzheng.booking.SupplyFixtures.exception;
import static org.minzheng.booking.SupplyFixtures.openDays;
import static org.minzheng.booking.SupplyFixtures.point;
import static org.minzheng.booking.SupplyFixtures.pointBody;
import static org.minzheng.booking.SupplyFixtures.query;
import static org.minzheng.booking.SupplyFixtures.schedule;
import static org.minzheng.booking.SupplyFixtures.slots;
import static org.minzheng.booking.SupplyFixtures.today;
import static org.minzheng.booking.SupplyFixtures.update;
import static org.minzheng.booking.SupplyFixtures.workdaySchedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.Slot;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Slots follow schedules, exceptions and the 2026 work calendar (seeded by migration), change at once
 * when an administrator changes something, never lose a booking, and come out the same however often and
 * however concurrently the materialiser runs. "Today" is Monday 2026-09-28 unless a test moves it.
 */
@QuarkusTest
class SlotMaterialiserTest {

    private static final String MARRIAGE = "MARRIAGE_REGISTRATION";
    private static final LocalDate MONDAY = LocalDate.of(2026, 9, 28);

    @Inject
    SlotMaterialiser materialiser;
    @Inject
    SlotCatalog catalog;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource db;

    Logins.Session admin;

    @BeforeEach
    void signInThenGoBackToSeptember() {
        // tokens are checked against real time: sign in before moving the application clock
        admin = Logins.admin();
        today(clock, MONDAY, LocalTime.of(7, 0));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** What the booking step will do to {@code booked}; here straight in SQL. */
    private void book(long pointId, String day, String startsAt, int units) {
        assertThat(update(db, "UPDATE slot SET booked = ? WHERE service_point_id = ? AND service_type = ? "
                + "AND day = ?::date AND starts_at = ?::time", units, pointId, MARRIAGE, day, startsAt)).isEqualTo(1);
    }

    private static Instant instant(Object timestamptz) {
        return ((java.sql.Timestamp) timestamptz).toInstant();
    }

    private Map<String, Object> slot(long pointId, String day, String startsAt) {
        return query(db, "SELECT capacity, booked, closed, release_at, schedule_id FROM slot WHERE service_point_id = ? "
                + "AND day = ?::date AND starts_at = ?::time", pointId, day, startsAt).get(0);
    }

    private void putSchedule(long pointId, long scheduleId, Map<String, Object> body) {
        admin.as().contentType(ContentType.JSON).body(body)
                .put("/api/v1/admin/service-points/" + pointId + "/schedules/" + scheduleId).then().statusCode(200);
    }

    @Test
    void holidaysHaveNoSlotsAndAMakeupSaturdayHasThem() {
        long office = point(admin, MARRIAGE);
        schedule(admin, office, workdaySchedule(MARRIAGE, 4));

        // 国庆 10-01..07 are holidays, Saturday 10-10 is a make-up workday, Sunday 10-11 is not; horizon ends 10-13
        assertThat(openDays(db, office)).containsExactly("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08",
                "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13");
        assertThat(day(db, office, "2026-10-10")).containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00");

        // a schedule on listed weekdays ignores the calendar: open on the holidays that are weekdays, shut on Saturday
        long gate = point(admin, "TOMB_SWEEPING");
        Map<String, Object> weekdays = workdaySchedule("TOMB_SWEEPING", 4);
        weekdays.put("workdaysOnly", false);
        weekdays.put("weekdays", List.of(1, 2, 3, 4, 5));
        schedule(admin, gate, weekdays);
        assertThat(openDays(db, gate)).containsExactly("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-01",
                "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09", "2026-10-12",
                "2026-10-13");
    }

    @Test
    void slotsOpenAtTheReleaseTimeTheGivenDaysBefore() {
        long office = point(admin, MARRIAGE);
        Map<String, Object> body = workdaySchedule(MARRIAGE, 4);
        body.put("releaseDaysBefore", 7);
        body.put("releaseTime", "08:30");
        long scheduleId = schedule(admin, office, body);
        Map<String, Object> slot = slot(office, "2026-10-08", "09:00");
        assertThat(instant(slot.get("release_at"))).isEqualTo(Instant.parse("2026-10-01T00:30:00Z"));
        assertThat(slot.get("schedule_id")).isEqualTo(scheduleId);
    }

    @Test
    void aSpecialOpeningCreatesSlotsOnAWeekendAndOnAHoliday() {
        long office = point(admin, MARRIAGE);
        schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        assertThat(day(db, office, "2026-10-11")).isEmpty();

        Map<String, Object> special = new HashMap<>(Map.of("serviceType", MARRIAGE, "day", "2026-10-11",
                "kind", "SPECIAL_OPENING", "startsAt", "10:00", "endsAt", "12:30", "slotMinutes", 60, "capacity", 3,
                "releaseAt", "2026-10-04T08:30:00+08:00", "reason", "周日特别开放"));
        long sunday = exception(admin, office, special);
        assertThat(day(db, office, "2026-10-11")).containsExactly("10:00-11:00", "11:00-12:00");
        Map<String, Object> slot = slot(office, "2026-10-11", "10:00");
        assertThat(slot.get("capacity")).isEqualTo(3);
        assertThat(instant(slot.get("release_at"))).isEqualTo(Instant.parse("2026-10-04T00:30:00Z"));
        assertThat(slot.get("schedule_id")).isNull();

        special.put("day", "2026-10-03"); // 国庆, a Saturday
        exception(admin, office, special);
        assertThat(day(db, office, "2026-10-03")).containsExactly("10:00-11:00", "11:00-12:00");

        admin.as().delete("/api/v1/admin/service-points/" + office + "/schedule-exceptions/" + sunday).then().statusCode(204);
        assertThat(day(db, office, "2026-10-11")).isEmpty();
    }

    @Test
    void aClosedDayLosesItsSlotsAndKeepsBookedOnesClosed() {
        long office = point(admin, MARRIAGE);
        schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        book(office, "2026-10-09", "09:30", 1);

        long closed = exception(admin, office, Map.of("serviceType", MARRIAGE, "day", "2026-10-09", "kind", "CLOSED",
                "reason", "台风停止办公"));
        assertThat(day(db, office, "2026-10-09")).containsExactly("09:30-10:00 closed");
        assertThat(slot(office, "2026-10-09", "09:30").get("booked")).isEqualTo(1);
        assertThat(day(db, office, "2026-10-08")).hasSize(4);

        admin.as().delete("/api/v1/admin/service-points/" + office + "/schedule-exceptions/" + closed).then().statusCode(204);
        assertThat(day(db, office, "2026-10-09")).containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00");
        assertThat(slot(office, "2026-10-09", "09:30").get("booked")).isEqualTo(1);
    }

    @Test
    void capacityNeverDropsBelowWhatIsBooked() {
        long office = point(admin, MARRIAGE);
        long scheduleId = schedule(admin, office, workdaySchedule(MARRIAGE, 5));
        book(office, "2026-10-08", "09:00", 4);
        book(office, "2026-10-09", "09:00", 4);

        exception(admin, office, Map.of("serviceType", MARRIAGE, "day", "2026-10-08", "kind", "CAPACITY", "capacity", 2,
                "reason", "人手不足"));
        assertThat(slot(office, "2026-10-08", "09:00")).containsEntry("capacity", 4).containsEntry("booked", 4);
        assertThat(slot(office, "2026-10-08", "09:30")).containsEntry("capacity", 2);

        Map<String, Object> smaller = workdaySchedule(MARRIAGE, 3);
        putSchedule(office, scheduleId, smaller);
        assertThat(slot(office, "2026-10-09", "09:00")).containsEntry("capacity", 4).containsEntry("booked", 4);
        assertThat(slot(office, "2026-10-09", "09:30")).containsEntry("capacity", 3);
        assertThat(slot(office, "2026-10-08", "09:30")).containsEntry("capacity", 2);

        putSchedule(office, scheduleId, workdaySchedule(MARRIAGE, 6));
        assertThat(slot(office, "2026-10-09", "09:00")).containsEntry("capacity", 6).containsEntry("booked", 4);
    }

    @Test
    void aScheduleChangeClosesBookedSlotsInsteadOfDeletingThem() {
        long office = point(admin, MARRIAGE);
        long scheduleId = schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        book(office, "2026-10-08", "09:30", 1);

        Map<String, Object> hourly = workdaySchedule(MARRIAGE, 4);
        hourly.put("slotMinutes", 60);
        putSchedule(office, scheduleId, hourly);
        assertThat(day(db, office, "2026-10-08")).containsExactly("09:00-10:00", "09:30-10:00 closed", "10:00-11:00");
        assertThat(slot(office, "2026-10-08", "09:30").get("booked")).isEqualTo(1);
        assertThat(day(db, office, "2026-10-09")).containsExactly("09:00-10:00", "10:00-11:00");

        // wanted again: the closed slot reopens with its booking
        putSchedule(office, scheduleId, workdaySchedule(MARRIAGE, 4));
        assertThat(day(db, office, "2026-10-08")).containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00");
        assertThat(slot(office, "2026-10-08", "09:30")).containsEntry("booked", 1).containsEntry("closed", false);

        // ending the schedule: the booked slot stays (closed), every other future slot goes
        Map<String, Object> ended = workdaySchedule(MARRIAGE, 4);
        ended.put("validTo", "2026-09-27");
        putSchedule(office, scheduleId, ended);
        assertThat(openDays(db, office)).isEmpty();
        assertThat(query(db, "SELECT day::text AS day, to_char(starts_at, 'HH24:MI') AS starts FROM slot "
                + "WHERE service_point_id = ?", office)).containsExactly(Map.of("day", "2026-10-08", "starts", "09:30"));
    }

    @Test
    void aSlotOtherRowsStillReferToIsClosedNotDeleted() {
        // what a cancelled booking looks like to the materialiser: booked back to 0, the row still pointing at the slot
        update(db, "CREATE TABLE IF NOT EXISTS test_slot_reference (slot_id BIGINT NOT NULL REFERENCES slot (id))");
        long office = point(admin, MARRIAGE);
        schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        update(db, "INSERT INTO test_slot_reference SELECT id FROM slot WHERE service_point_id = ? AND day = '2026-10-09' "
                + "AND starts_at = '10:00'", office);

        exception(admin, office, Map.of("serviceType", MARRIAGE, "day", "2026-10-09", "kind", "CLOSED", "reason", "停电"));
        assertThat(day(db, office, "2026-10-09")).containsExactly("10:00-10:30 closed");

        // once nothing points at it any more, the next run deletes it
        update(db, "DELETE FROM test_slot_reference WHERE slot_id IN (SELECT id FROM slot WHERE service_point_id = ?)",
                office);
        run(() -> materialiser.materialise(office, List.of(MARRIAGE)));
        assertThat(day(db, office, "2026-10-09")).isEmpty();
    }

    @Test
    void deactivatingAPointDropsItsFreeSlotsAndClosesBookedOnes() {
        long office = point(admin, MARRIAGE);
        schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        book(office, "2026-10-12", "10:00", 2);

        Map<String, Object> body = pointBody(MARRIAGE);
        body.put("active", false);
        admin.as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/service-points/" + office).then()
                .statusCode(200);
        assertThat(slots(db, office)).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("day", "2026-10-12").containsEntry("starts", "10:00").containsEntry("closed", true)
                    .containsEntry("booked", 2);
        });

        body.put("active", true);
        admin.as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/service-points/" + office).then()
                .statusCode(200);
        assertThat(openDays(db, office)).hasSize(8);
        assertThat(slot(office, "2026-10-12", "10:00")).containsEntry("closed", false).containsEntry("booked", 2);
    }

    @Test
    void pastDaysAreNeverTouched() {
        long office = point(admin, MARRIAGE);
        long scheduleId = schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        today(clock, LocalDate.of(2026, 10, 9), LocalTime.of(7, 0));

        Map<String, Object> ended = workdaySchedule(MARRIAGE, 9);
        ended.put("validTo", "2026-10-12");
        putSchedule(office, scheduleId, ended);
        assertThat(openDays(db, office)).containsExactly("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08",
                "2026-10-09", "2026-10-10", "2026-10-12");
        assertThat(slot(office, "2026-10-08", "09:00")).containsEntry("capacity", 4);
        assertThat(slot(office, "2026-10-09", "09:00")).containsEntry("capacity", 9);
    }

    @Test
    void theHorizonEndsTodayPlusItsDaysPerServiceType() {
        // %test: horizon-days 15 by default, 2 for SHORT_HORIZON
        long point = point(admin, MARRIAGE, "SHORT_HORIZON");
        for (String type : List.of(MARRIAGE, "SHORT_HORIZON")) {
            Map<String, Object> everyDay = workdaySchedule(type, 1);
            everyDay.put("workdaysOnly", false);
            everyDay.put("weekdays", List.of(1, 2, 3, 4, 5, 6, 7));
            schedule(admin, point, everyDay);
        }
        assertThat(query(db, "SELECT service_type, min(day)::text AS first, max(day)::text AS last FROM slot "
                + "WHERE service_point_id = ? GROUP BY service_type ORDER BY 1", point)).containsExactly(
                        Map.of("service_type", MARRIAGE, "first", "2026-09-28", "last", "2026-10-13"),
                        Map.of("service_type", "SHORT_HORIZON", "first", "2026-09-28", "last", "2026-09-30"));

        // the next day the horizon rolls forward
        today(clock, MONDAY.plusDays(1), LocalTime.of(0, 5));
        run(materialiser::materialiseAll);
        assertThat(query(db, "SELECT max(day)::text AS last FROM slot WHERE service_point_id = ? AND service_type = ?",
                point, "SHORT_HORIZON").get(0)).containsEntry("last", "2026-10-01");
    }

    @Test
    void aChangedCalendarChangesTheSlotsAtOnce() {
        LocalDate start = LocalDate.of(2090, 3, 1);
        today(clock, start, LocalTime.of(7, 0));
        long office = point(admin, MARRIAGE);
        schedule(admin, office, workdaySchedule(MARRIAGE, 2));
        LocalDate monday = start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        LocalDate saturday = monday.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        assertThat(openDays(db, office)).contains(monday.toString()).doesNotContain(saturday.toString());

        admin.as().contentType(ContentType.JSON)
                .body(Map.of("source", "test notice", "holidays",
                        List.of(Map.of("name", "测试节", "from", monday.toString(), "to", monday.plusDays(1).toString())),
                        "makeupWorkdays", List.of(saturday.toString())))
                .put("/api/v1/admin/calendar/2090").then().statusCode(200);
        assertThat(openDays(db, office)).doesNotContain(monday.toString(), monday.plusDays(1).toString())
                .contains(monday.plusDays(2).toString(), saturday.toString());
    }

    @Test
    void aSecondRunWritesNothing() {
        long office = point(admin, MARRIAGE, "CEREMONY");
        long scheduleId = schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        schedule(admin, office, workdaySchedule("CEREMONY", 2));
        book(office, "2026-10-08", "09:30", 3);
        Map<String, Object> hourly = workdaySchedule(MARRIAGE, 2);
        hourly.put("slotMinutes", 60);
        putSchedule(office, scheduleId, hourly);
        exception(admin, office, Map.of("serviceType", "CEREMONY", "day", "2026-10-12", "kind", "CAPACITY", "capacity", 1,
                "reason", "场地维修"));

        String withRowVersions = "SELECT s.*, xmin::text AS row_version FROM slot s WHERE service_point_id = ? "
                + "ORDER BY service_type, day, starts_at";
        List<Map<String, Object>> before = query(db, withRowVersions, office);
        SlotMaterialiser.Outcome again = run(() -> materialiser.materialise(office, List.of(MARRIAGE, "CEREMONY")));
        assertThat(again.changedAnything()).isFalse();
        run(materialiser::materialiseAll);
        assertThat(query(db, withRowVersions, office)).as("same rows, not even rewritten").isEqualTo(before);
    }

    @Test
    void concurrentRunsOnSeveralReplicasGiveTheSameRowsAsOne() throws Exception {
        long office = point(admin, MARRIAGE, "CEREMONY");
        schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        schedule(admin, office, workdaySchedule("CEREMONY", 1));
        exception(admin, office, Map.of("serviceType", MARRIAGE, "day", "2026-10-09", "kind", "CLOSED", "reason", "x"));
        String rows = "SELECT service_type, day, starts_at, ends_at, capacity, booked, release_at, closed, schedule_id "
                + "FROM slot WHERE service_point_id = ? ORDER BY service_type, day, starts_at";
        List<Map<String, Object>> once = query(db, rows, office);
        assertThat(once).hasSize(2 * 8 * 4 - 4);

        for (int round = 0; round < 3; round++) {
            update(db, "DELETE FROM slot WHERE service_point_id = ?", office);
            int replicas = 6;
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SlotMaterialiser.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                boolean job = i % 2 == 0;
                Callable<SlotMaterialiser.Outcome> call = () -> {
                    start.await();
                    return run(job ? materialiser::materialiseAll
                            : () -> materialiser.materialise(office, List.of(MARRIAGE, "CEREMONY")));
                };
                runs.add(pool.submit(call));
            }
            start.countDown();
            int failed = 0;
            for (Future<SlotMaterialiser.Outcome> f : runs) {
                failed += f.get().failed();
            }
            pool.shutdown();
            assertThat(failed).isZero();
            assertThat(query(db, rows, office)).isEqualTo(once);
        }
    }

    @Test
    void theCatalogReadsEverySlotOfARangeClosedOnesIncluded() throws Throwable {
        long office = point(admin, MARRIAGE);
        long scheduleId = schedule(admin, office, workdaySchedule(MARRIAGE, 4));
        book(office, "2026-10-08", "09:30", 1);
        Map<String, Object> hourly = workdaySchedule(MARRIAGE, 4);
        hourly.put("slotMinutes", 60);
        putSchedule(office, scheduleId, hourly);

        List<Slot> slots = VertxContextSupport.subscribeAndAwait(
                () -> catalog.slots(office, MARRIAGE, LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 9)));
        assertThat(slots).extracting(s -> s.day + " " + s.startsAt + "-" + s.endsAt + " " + s.booked + "/" + s.capacity
                + (s.closed ? " closed" : "")).containsExactly(
                        "2026-10-08 09:00-10:00 0/4", "2026-10-08 09:30-10:00 1/4 closed", "2026-10-08 10:00-11:00 0/4",
                        "2026-10-09 09:00-10:00 0/4", "2026-10-09 10:00-11:00 0/4");
        assertThat(slots.get(1).remaining()).isZero();
        assertThat(slots.get(0).scheduleId).isEqualTo(scheduleId);
        Slot one = VertxContextSupport.subscribeAndAwait(() -> catalog.slot(slots.get(0).id));
        assertThat(one.servicePointId).isEqualTo(office);
        assertThat(one.serviceType).isEqualTo(MARRIAGE);
    }

    private static <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
