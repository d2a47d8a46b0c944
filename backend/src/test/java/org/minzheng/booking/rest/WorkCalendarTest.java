package org.minzheng.booking.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.booking.service.WorkCalendar;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** The 2026 national schedule ships with the app; other years are loaded whole by administrators. */
@QuarkusTest
class WorkCalendarTest {

    @Inject
    WorkCalendar calendar;

    private static Map<String, Object> year(String source, List<Map<String, String>> holidays, List<String> makeups) {
        return Map.of("source", source, "holidays", holidays, "makeupWorkdays", makeups);
    }

    private static Map<String, String> holiday(String name, String from, String to) {
        return Map.of("name", name, "from", from, "to", to);
    }

    private boolean workday(String day) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> calendar.isWorkday(LocalDate.parse(day)));
    }

    @Test
    void the2026ScheduleIsThereFromTheStart() {
        given().get("/api/v1/calendar/2026").then().statusCode(200)
                .body("source", equalTo("国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua)"))
                .body("days", hasSize(33 + 6))
                .body("days.find { it.day == '2026-10-01' }.kind", equalTo("HOLIDAY"))
                .body("days.find { it.day == '2026-10-07' }.name", equalTo("国庆节"))
                .body("days.find { it.day == '2026-02-23' }.name", equalTo("春节"))
                .body("days.find { it.day == '2026-10-10' }.kind", equalTo("MAKEUP_WORKDAY"))
                .body("days.findAll { it.kind == 'MAKEUP_WORKDAY' }.day", contains("2026-01-04", "2026-02-14",
                        "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"));
    }

    @Test
    void holidaysAreOffEvenOnWeekdaysAndMakeupDaysAreWorkdaysEvenOnWeekends() throws Throwable {
        assertThat(workday("2026-10-01")).as("Thursday in 国庆").isFalse();
        assertThat(workday("2026-02-16")).as("Monday in 春节").isFalse();
        assertThat(workday("2026-10-10")).as("make-up Saturday").isTrue();
        assertThat(workday("2026-09-20")).as("make-up Sunday").isTrue();
        assertThat(workday("2026-10-11")).as("plain Sunday").isFalse();
        assertThat(workday("2026-10-12")).as("plain Monday").isTrue();
        assertThat(workday("2099-06-01")).as("a year nobody loaded follows the week (a Monday)").isTrue();
        assertThat(workday("2099-06-06")).as("a year nobody loaded follows the week (a Saturday)").isFalse();
    }

    @Test
    void theRangeFormAgreesWithTheOneDayFormAcrossAYear() throws Throwable {
        LocalDate from = LocalDate.of(2025, 12, 1);
        LocalDate to = LocalDate.of(2027, 1, 31);
        WorkCalendar.Workdays range = VertxContextSupport.subscribeAndAwait(() -> calendar.workdays(from, to));
        int workdays = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            assertThat(range.isWorkday(d)).as(d.toString()).isEqualTo(workday(d.toString()));
            workdays += d.getYear() == 2026 && range.isWorkday(d) ? 1 : 0;
        }
        // 261 weekdays in 2026, 19 of them holidays, 6 make-up weekend days: 248 workdays
        assertThat(workdays).isEqualTo(248);
        assertThat(range.loaded(2026)).isTrue();
        assertThat(range.loaded(2027)).isFalse();
    }

    @Test
    void aPutReplacesTheWholeYear() {
        Logins.Session admin = Logins.admin();
        admin.as().contentType(ContentType.JSON)
                .body(year("first notice", List.of(holiday("元旦", "2091-01-01", "2091-01-03"),
                        holiday("国庆节", "2091-10-01", "2091-10-07")), List.of("2091-09-29")))
                .put("/api/v1/admin/calendar/2091").then().statusCode(200)
                .body("year", equalTo(2091)).body("days", hasSize(3 + 7 + 1))
                .body("days[0]", equalTo(Map.of("day", "2091-01-01", "kind", "HOLIDAY", "name", "元旦")))
                .body("days.find { it.day == '2091-09-29' }.name", equalTo("调休上班"));

        admin.as().contentType(ContentType.JSON)
                .body(Map.of("year", 2091, "source", "second notice", "holidays",
                        List.of(holiday("春节", "2091-02-10", "2091-02-11")), "makeupWorkdays", List.of()))
                .put("/api/v1/admin/calendar/2091").then().statusCode(200);
        given().get("/api/v1/calendar/2091").then().statusCode(200).body("source", equalTo("second notice"))
                .body("days.day", contains("2091-02-10", "2091-02-11"));

        admin.as().queryParam("subject", "calendar:2091").get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", contains("CALENDAR_REPLACED", "CALENDAR_REPLACED"));
    }

    @Test
    void aRejectedPutChangesNothing() {
        Logins.Session admin = Logins.admin();
        admin.as().contentType(ContentType.JSON)
                .body(year("kept", List.of(holiday("元旦", "2092-01-01", "2092-01-01")), List.of()))
                .put("/api/v1/admin/calendar/2092").then().statusCode(200);

        admin.as().contentType(ContentType.JSON)
                .body(year("bad", List.of(holiday("元旦", "2092-01-01", "2092-01-03"),
                        holiday("跨年", "2092-12-31", "2093-01-01"),
                        holiday("倒置", "2092-05-05", "2092-05-01"),
                        holiday("重叠", "2092-01-03", "2092-01-04")),
                        List.of("2091-12-30", "2092-01-02", "2092-06-06", "2092-06-06")))
                .put("/api/v1/admin/calendar/2092").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("holidays[1].to", "holidays[2].to", "holidays[3]",
                        "makeupWorkdays[0]", "makeupWorkdays[1]", "makeupWorkdays[3]"))
                .body("errors.find { it.field == 'holidays[1].to' }.code", equalTo("DATE_OUTSIDE_YEAR"))
                .body("errors.find { it.field == 'holidays[2].to' }.code", equalTo("BEFORE_FROM"))
                .body("errors.find { it.field == 'holidays[3]' }.code", equalTo("HOLIDAYS_OVERLAP"))
                .body("errors.find { it.field == 'makeupWorkdays[0]' }.code", equalTo("DATE_OUTSIDE_YEAR"))
                .body("errors.find { it.field == 'makeupWorkdays[1]' }.code", equalTo("HOLIDAY_AND_MAKEUP_WORKDAY"))
                .body("errors.find { it.field == 'makeupWorkdays[3]' }.code", equalTo("DUPLICATE_DAY"));

        admin.as().contentType(ContentType.JSON).body(Map.of("year", 2093, "source", "x", "holidays", List.of(),
                "makeupWorkdays", List.of())).put("/api/v1/admin/calendar/2092").then().statusCode(400)
                .body("errors[0].field", equalTo("year")).body("errors[0].code", equalTo("YEAR_MISMATCH"));
        admin.as().contentType(ContentType.JSON).body(Map.of("holidays", List.of(Map.of("name", "x")))).header("Accept-Language", "en")
                .put("/api/v1/admin/calendar/2092").then().statusCode(400)
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItem("source")).body("errors.field", hasItem("holidays[0].from"))
                .body("errors.field", hasItem("makeupWorkdays"));

        given().get("/api/v1/calendar/2092").then().statusCode(200).body("source", equalTo("kept"))
                .body("days.day", contains("2092-01-01"));
    }

    @Test
    void aYearNobodyLoadedIsNotFound() {
        given().get("/api/v1/calendar/2094").then().statusCode(404).body("code", equalTo("CALENDAR_NOT_LOADED"));
        given().get("/api/v1/calendar/1900").then().statusCode(400);
    }

    @Test
    void onlyAdministratorsLoadCalendars() {
        Map<String, Object> body = year("x", List.of(), List.of());
        Logins.newResident().as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/calendar/2095").then()
                .statusCode(403);
        Logins.newStaff(List.of("COUNTER"), List.of(), List.of()).as().contentType(ContentType.JSON).body(body)
                .put("/api/v1/admin/calendar/2095").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).put("/api/v1/admin/calendar/2095").then().statusCode(401);
        given().get("/api/v1/calendar/2095").then().statusCode(404);
    }
}
