package org.minzheng.booking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.minzheng.booking.SupplyFixtures.exception;
import static org.minzheng.booking.SupplyFixtures.point;
import static org.minzheng.booking.SupplyFixtures.schedule;
import static org.minzheng.booking.SupplyFixtures.workdaySchedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Schedules and dated exceptions through the admin API (what they do to slots: SlotMaterialiserTest). */
@QuarkusTest
class ScheduleAdminTest {

    private static final String MARRIAGE = "MARRIAGE_REGISTRATION";

    @Inject
    TestClock clock;

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String schedules(long pointId) {
        return "/api/v1/admin/service-points/" + pointId + "/schedules";
    }

    private static String exceptions(long pointId) {
        return "/api/v1/admin/service-points/" + pointId + "/schedule-exceptions";
    }

    @Test
    void createReadUpdateAndTheSlotsFollow() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE);
        Map<String, Object> body = workdaySchedule(MARRIAGE, 6);
        body.put("releaseDaysBefore", 15);
        body.put("releaseTime", "08:30");
        long id = admin.as().contentType(ContentType.JSON).body(body).post(schedules(office)).then().statusCode(201)
                .header("Location", containsString(schedules(office) + "/"))
                .body("workdaysOnly", equalTo(true)).body("weekdays", hasSize(0))
                .body("startsAt", equalTo("09:00:00")).body("slotMinutes", equalTo(30)).body("releaseTime", equalTo("08:30:00"))
                .body("validTo", nullValue()).body("version", equalTo(0))
                .extract().jsonPath().getLong("id");
        admin.as().get(schedules(office) + "/" + id).then().statusCode(200).body("capacity", equalTo(6));
        admin.as().get(schedules(office)).then().statusCode(200).body("items.id", contains((int) id));

        LocalDate nextMonday = today().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        admin.as().queryParam("serviceType", MARRIAGE).queryParam("from", nextMonday.toString())
                .queryParam("to", nextMonday.toString()).get("/api/v1/admin/service-points/" + office + "/slots").then()
                .statusCode(200).body("startsAt", contains("09:00:00", "09:30:00", "10:00:00", "10:30:00"))
                .body("capacity", everyItem(equalTo(6))).body("booked", everyItem(equalTo(0)))
                .body("releaseAt", everyItem(notNullValue()));

        body.put("capacity", 2);
        body.put("endsAt", "10:00");
        body.put("version", 0);
        admin.as().contentType(ContentType.JSON).body(body).put(schedules(office) + "/" + id).then().statusCode(200)
                .body("capacity", equalTo(2)).body("version", equalTo(1));
        admin.as().contentType(ContentType.JSON).body(body).put(schedules(office) + "/" + id).then().statusCode(409)
                .body("code", equalTo("STALE_VERSION"));
        admin.as().queryParam("serviceType", MARRIAGE).queryParam("from", nextMonday.toString())
                .queryParam("to", nextMonday.toString()).get("/api/v1/admin/service-points/" + office + "/slots").then()
                .statusCode(200).body("startsAt", contains("09:00:00", "09:30:00")).body("capacity", everyItem(equalTo(2)));

        admin.as().queryParam("subject", "schedule:" + id).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", contains("SCHEDULE_UPDATED", "SCHEDULE_CREATED"));
    }

    @Test
    void aScheduleNeedsAServiceTypeThePointOffers() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE);
        long id = schedule(admin, office, workdaySchedule(MARRIAGE, 6));
        admin.as().contentType(ContentType.JSON).body(workdaySchedule("TOMB_SWEEPING", 6)).post(schedules(office)).then()
                .statusCode(409).body("code", equalTo("SERVICE_TYPE_NOT_OFFERED"))
                .body("detail", containsString("TOMB_SWEEPING"));
        admin.as().contentType(ContentType.JSON).body(workdaySchedule("TOMB_SWEEPING", 6)).put(schedules(office) + "/" + id)
                .then().statusCode(409).body("code", equalTo("SERVICE_TYPE_NOT_OFFERED"));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", "TOMB_SWEEPING", "day", today().plusDays(1).toString(), "kind", "CLOSED",
                        "reason", "x"))
                .post(exceptions(office)).then().statusCode(409).body("code", equalTo("SERVICE_TYPE_NOT_OFFERED"));
        admin.as().contentType(ContentType.JSON).body(workdaySchedule(MARRIAGE, 6)).post(schedules(999_999_999)).then()
                .statusCode(404).body("code", equalTo("SERVICE_POINT_NOT_FOUND"));
        admin.as().get(schedules(office) + "/999999999").then().statusCode(404).body("code", equalTo("SCHEDULE_NOT_FOUND"));
        long other = point(admin, MARRIAGE);
        admin.as().get(schedules(other) + "/" + id).then().statusCode(404);
    }

    @Test
    void windowsOfOneTypeMayNotOverlap() {
        Logins.Session admin = Logins.admin();
        long gate = point(admin, "TOMB_SWEEPING");
        Map<String, Object> weekend = workdaySchedule("TOMB_SWEEPING", 50);
        weekend.put("workdaysOnly", false);
        weekend.put("weekdays", List.of(6, 7));
        schedule(admin, gate, weekend);

        Map<String, Object> sunday = new HashMap<>(weekend);
        sunday.put("weekdays", List.of(7));
        sunday.put("startsAt", "10:30");
        sunday.put("endsAt", "12:00");
        admin.as().contentType(ContentType.JSON).body(sunday).post(schedules(gate)).then().statusCode(409)
                .body("code", equalTo("SCHEDULE_OVERLAP"));
        // afternoons, other days, or another period are fine
        sunday.put("startsAt", "11:00");
        schedule(admin, gate, sunday);
        Map<String, Object> weekdays = new HashMap<>(weekend);
        weekdays.put("weekdays", List.of(1, 2, 3, 4, 5));
        schedule(admin, gate, weekdays);
        Map<String, Object> nextYear = new HashMap<>(weekend);
        nextYear.put("validFrom", "2030-01-01");
        weekend.put("validTo", "2029-12-31");
        admin.as().contentType(ContentType.JSON).body(nextYear).post(schedules(gate)).then().statusCode(409);
        // workdays include make-up weekends: a workdays-only window meets the weekend one
        admin.as().contentType(ContentType.JSON).body(workdaySchedule("TOMB_SWEEPING", 5)).post(schedules(gate)).then()
                .statusCode(409).body("code", equalTo("SCHEDULE_OVERLAP"));
    }

    @Test
    void invalidSchedulesAreRefusedFieldByField() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE);
        Map<String, Object> body = new HashMap<>(Map.of("serviceType", "marriage", "workdaysOnly", false,
                "weekdays", List.of(0, 8), "startsAt", "09:00", "endsAt", "11:00", "slotMinutes", 1, "capacity", 0,
                "releaseDaysBefore", -1, "validFrom", "2026-01-01"));
        admin.as().contentType(ContentType.JSON).body(body).post(schedules(office)).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("serviceType", "weekdays[0]", "weekdays[1]", "slotMinutes",
                        "capacity", "releaseDaysBefore"));

        Map<String, Object> crossed = workdaySchedule(MARRIAGE, 3);
        crossed.put("weekdays", List.of(1));
        crossed.put("startsAt", "11:00");
        crossed.put("endsAt", "10:00");
        crossed.put("releaseTime", "08:30");
        crossed.put("validTo", "2025-12-31");
        admin.as().contentType(ContentType.JSON).body(crossed).post(schedules(office)).then().statusCode(400)
                .body("errors.code", containsInAnyOrder("WEEKDAYS_WITH_WORKDAYS_ONLY", "NOT_AFTER_START",
                        "RELEASE_INCOMPLETE", "BEFORE_VALID_FROM"))
                .body("errors.field", containsInAnyOrder("weekdays", "endsAt", "releaseDaysBefore", "validTo"));

        Map<String, Object> tooShort = workdaySchedule(MARRIAGE, 3);
        tooShort.put("workdaysOnly", false);
        tooShort.put("slotMinutes", 180);
        admin.as().contentType(ContentType.JSON).body(tooShort).header("Accept-Language", "en").post(schedules(office))
                .then().statusCode(400)
                .body("errors.code", containsInAnyOrder("WEEKDAYS_REQUIRED", "LONGER_THAN_WINDOW"))
                .body("errors.find { it.code == 'WEEKDAYS_REQUIRED' }.message", equalTo("Choose at least one weekday"));
        admin.as().contentType(ContentType.JSON).body(Map.of()).post(schedules(office)).then().statusCode(400)
                .body("errors.field", hasItem("startsAt"));
    }

    @Test
    void exceptionsAreAddedListedAndRemoved() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE, "CEREMONY");
        schedule(admin, office, workdaySchedule(MARRIAGE, 6));
        String tomorrow = today().plusDays(1).toString();
        Map<String, Object> closed = Map.of("serviceType", MARRIAGE, "day", tomorrow, "kind", "CLOSED", "reason", "系统升级");
        long id = admin.as().contentType(ContentType.JSON).body(closed).post(exceptions(office)).then().statusCode(201)
                .header("Location", containsString(exceptions(office) + "/"))
                .body("kind", equalTo("CLOSED")).body("day", equalTo(tomorrow)).body("capacity", nullValue())
                .extract().jsonPath().getLong("id");
        admin.as().contentType(ContentType.JSON).body(closed).post(exceptions(office)).then().statusCode(409)
                .body("code", equalTo("SCHEDULE_EXCEPTION_EXISTS"));
        long ceremony = exception(admin, office, Map.of("serviceType", "CEREMONY", "day", today().plusDays(30).toString(),
                "kind", "SPECIAL_OPENING", "startsAt", "10:00", "endsAt", "11:00", "slotMinutes", 20, "capacity", 1,
                "reason", "七夕"));

        admin.as().get(exceptions(office)).then().statusCode(200).body("items.id", contains((int) id, (int) ceremony));
        admin.as().queryParam("serviceType", "CEREMONY").get(exceptions(office)).then().statusCode(200)
                .body("items.id", contains((int) ceremony)).body("items[0].slotMinutes", equalTo(20));
        admin.as().queryParam("to", tomorrow).get(exceptions(office)).then().statusCode(200)
                .body("items.id", contains((int) id));
        admin.as().get(exceptions(office) + "/" + id).then().statusCode(200).body("reason", equalTo("系统升级"));

        admin.as().delete(exceptions(office) + "/" + id).then().statusCode(204);
        admin.as().get(exceptions(office) + "/" + id).then().statusCode(404)
                .body("code", equalTo("SCHEDULE_EXCEPTION_NOT_FOUND"));
        admin.as().delete(exceptions(office) + "/" + id).then().statusCode(404);
        admin.as().queryParam("subject", "schedule-exception:" + id).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", contains("SCHEDULE_EXCEPTION_DELETED", "SCHEDULE_EXCEPTION_CREATED"));
    }

    @Test
    void eachKindOfExceptionTakesItsOwnFields() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE);
        String tomorrow = today().plusDays(1).toString();
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MARRIAGE, "day", tomorrow, "kind", "SPECIAL_OPENING", "reason", "520"))
                .post(exceptions(office)).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("startsAt", "endsAt", "slotMinutes", "capacity"))
                .body("errors.code", everyItem(equalTo("REQUIRED_FOR_KIND")));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MARRIAGE, "day", tomorrow, "kind", "CLOSED", "capacity", 3, "startsAt", "09:00",
                        "releaseAt", "2026-05-20T08:30:00+08:00", "reason", "x"))
                .post(exceptions(office)).then().statusCode(400)
                // a closure's window is optional but whole: a start needs an end
                .body("errors.field", containsInAnyOrder("capacity", "endsAt", "releaseAt"))
                .body("errors.find { it.field == 'endsAt' }.code", equalTo("REQUIRED_FOR_KIND"))
                .body("errors.findAll { it.field != 'endsAt' }.code", everyItem(equalTo("NOT_FOR_KIND")));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MARRIAGE, "day", tomorrow, "kind", "CAPACITY", "reason", "x"))
                .post(exceptions(office)).then().statusCode(400).body("errors[0].field", equalTo("capacity"));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MARRIAGE, "day", tomorrow, "kind", "SPECIAL_OPENING", "startsAt", "10:00",
                        "endsAt", "10:10", "slotMinutes", 30, "capacity", 2, "reason", "x"))
                .post(exceptions(office)).then().statusCode(400).body("errors[0].code", equalTo("LONGER_THAN_WINDOW"));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MARRIAGE, "day", today().minusDays(1).toString(), "kind", "CLOSED", "reason", "x"))
                .post(exceptions(office)).then().statusCode(400).body("errors[0].field", equalTo("day"))
                .body("errors[0].code", equalTo("DAY_IN_PAST"));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MARRIAGE, "day", tomorrow, "kind", "HOLIDAY", "reason", "x"))
                .post(exceptions(office)).then().statusCode(400).body("errors.field", hasItem("kind"));
    }

    @Test
    void theSlotListIsBounded() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE);
        admin.as().queryParam("serviceType", MARRIAGE).queryParam("from", "2026-01-01").queryParam("to", "2026-12-31")
                .get("/api/v1/admin/service-points/" + office + "/slots").then().statusCode(400)
                .body("errors[0].code", equalTo("DAY_RANGE"));
        admin.as().get("/api/v1/admin/service-points/" + office + "/slots").then().statusCode(400)
                .body("errors.field", hasItem("serviceType"));
        admin.as().queryParam("serviceType", MARRIAGE).get("/api/v1/admin/service-points/999999999/slots").then()
                .statusCode(404);
        admin.as().queryParam("serviceType", MARRIAGE).queryParam("from", "next tuesday")
                .get("/api/v1/admin/service-points/" + office + "/slots").then().statusCode(400)
                .body("errors[0].field", equalTo("from")).body("errors[0].code", equalTo("INVALID_DATE"));
        admin.as().queryParam("to", "2026-02-30").get(exceptions(office)).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void onlyAdministratorsManageSchedules() {
        Logins.Session admin = Logins.admin();
        long office = point(admin, MARRIAGE);
        long id = schedule(admin, office, workdaySchedule(MARRIAGE, 6));
        long exceptionId = exception(admin, office, Map.of("serviceType", MARRIAGE, "day", today().plusDays(2).toString(),
                "kind", "CLOSED", "reason", "x"));
        for (Logins.Session someone : List.of(Logins.newResident(),
                Logins.newStaff(List.of("COUNTER"), List.of(office), List.of()))) {
            someone.as().contentType(ContentType.JSON).body(workdaySchedule(MARRIAGE, 6)).post(schedules(office)).then()
                    .statusCode(403).body("code", equalTo("FORBIDDEN"));
            someone.as().get(schedules(office)).then().statusCode(403);
            someone.as().contentType(ContentType.JSON).body(workdaySchedule(MARRIAGE, 6)).put(schedules(office) + "/" + id)
                    .then().statusCode(403);
            someone.as().get(exceptions(office)).then().statusCode(403);
            someone.as().delete(exceptions(office) + "/" + exceptionId).then().statusCode(403);
            someone.as().queryParam("serviceType", MARRIAGE).get("/api/v1/admin/service-points/" + office + "/slots")
                    .then().statusCode(403);
        }
        given().get(schedules(office)).then().statusCode(401);
        admin.as().get(exceptions(office) + "/" + exceptionId).then().statusCode(200);
    }
}
