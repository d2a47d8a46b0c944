package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Check-in at the counter: tomorrow's booking, with the clock moved to tomorrow morning. */
@QuarkusTest
class CounterCheckInTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    CounterDesk desk;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Setup(long point, long slot, BookingFixtures.Resident resident, long booking, String reference, String qr,
            Logins.Session clerk) {
    }

    private Setup booked() {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        LocalDate tomorrow = BookingFixtures.today().plusDays(1);
        long slot = fixtures.slot(point, TestPolicies.VISIT, tomorrow, LocalTime.of(9, 0), 5, null);
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        var created = r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(201).body("qrPayload", startsWith("MZB1.")).extract().jsonPath();
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(point), List.of());
        return new Setup(point, slot, r, created.getLong("id"), created.getString("reference"), created.getString("qrPayload"),
                clerk);
    }

    private void moveTo(LocalDate day, LocalTime time) {
        Instant target = day.atTime(time).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        clock.setTo(target);
    }

    private static ValidatableResponse checkIn(Logins.Session clerk, long point, String code) {
        return clerk.as().contentType(ContentType.JSON).body(Map.of("servicePointId", point, "code", code))
                .post("/api/v1/staff/check-ins").then();
    }

    @Test
    void aValidPassChecksInOnceAndAgainHarmlessly() {
        Setup s = booked();
        moveTo(BookingFixtures.today().plusDays(1), LocalTime.of(8, 50));
        checkIn(s.clerk(), s.point(), s.qr()).statusCode(200)
                .body("result", equalTo("CHECKED_IN"))
                .body("booking.status", equalTo("CHECKED_IN"))
                .body("booking.people[0].name", equalTo("测***"))
                .body("booking.units", equalTo(1));
        checkIn(s.clerk(), s.point(), s.qr()).statusCode(200).body("result", equalTo("ALREADY_CHECKED_IN"));
        assertThat(fixtures.queryOutbox(s.booking())).containsExactly("BOOKING_CONFIRMED", "BOOKING_CHECKED_IN");
        Logins.admin().as().queryParam("subject", "booking:" + s.booking()).get("/api/v1/admin/audit").then()
                .body("items.action", org.hamcrest.Matchers.contains("BOOKING_CHECKED_IN"));
    }

    @Test
    void aMistakenCheckInIsTakenBackWithinAMinuteAtItsPointOnly() {
        Setup s = booked();
        Setup other = booked();
        moveTo(BookingFixtures.today().plusDays(1), LocalTime.of(8, 50));
        String undo = "/api/v1/staff/bookings/" + s.booking() + "/undo-check-in";
        s.clerk().as().post(undo).then().statusCode(409).body("code", equalTo("NOT_CHECKED_IN"));
        checkIn(s.clerk(), s.point(), s.qr()).statusCode(200).body("result", equalTo("CHECKED_IN"));
        other.clerk().as().post(undo).then().statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        s.clerk().as().post(undo).then().statusCode(200).body("status", equalTo("CONFIRMED"))
                .body("people[0].checkedIn", equalTo(false));
        s.clerk().as().post(undo).then().statusCode(409).body("code", equalTo("NOT_CHECKED_IN"));
        checkIn(s.clerk(), s.point(), s.qr()).statusCode(200).body("result", equalTo("CHECKED_IN"));
        clock.advance(java.time.Duration.ofSeconds(61));
        s.clerk().as().post(undo).then().statusCode(409).body("code", equalTo("UNDO_EXPIRED"));
        assertThat(fixtures.strings("SELECT status FROM booking WHERE id = " + s.booking())).containsExactly("CHECKED_IN");
        assertThat(fixtures.queryOutbox(s.booking())).containsExactly("BOOKING_CONFIRMED", "BOOKING_CHECKED_IN");
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE subject = 'booking:" + s.booking()
                + "' AND action = 'BOOKING_CHECK_IN_UNDONE'")).isEqualTo(1);
    }

    @Test
    void aTypedReferenceInLowercaseWorks() {
        Setup s = booked();
        moveTo(BookingFixtures.today().plusDays(1), LocalTime.of(9, 5));
        String typed = s.reference().substring(0, 4).toLowerCase() + "-" + s.reference().substring(4).toLowerCase();
        checkIn(s.clerk(), s.point(), typed).statusCode(200).body("result", equalTo("CHECKED_IN"));
        checkIn(s.clerk(), s.point(), "ZZZZZZZZ").statusCode(400).body("code", equalTo("INVALID_REFERENCE"));
    }

    @Test
    void forgedPassesAreRefused() {
        Setup s = booked();
        Setup other = booked();
        moveTo(BookingFixtures.today().plusDays(1), LocalTime.of(8, 50));
        String[] parts = s.qr().split("\\.");
        // another booking's id under this booking's tag
        checkIn(s.clerk(), s.point(), parts[0] + "." + other.booking() + "." + parts[2] + "." + parts[3])
                .statusCode(400).body("code", equalTo("INVALID_QR"));
        // a later expiry under the old tag
        checkIn(s.clerk(), s.point(), parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3])
                .statusCode(400).body("code", equalTo("INVALID_QR"));
        checkIn(s.clerk(), s.point(), "MZB1.garbage").statusCode(400).body("code", equalTo("INVALID_QR"));
    }

    @Test
    void aPassOfAnotherPointOrAnotherDay() {
        Setup here = booked();
        Setup elsewhere = booked();
        moveTo(BookingFixtures.today().plusDays(1), LocalTime.of(8, 50));
        // the clerk here is given the pass of a booking at another point
        Logins.Session clerkOfBoth = Logins.newStaff(List.of("COUNTER"), List.of(here.point(), elsewhere.point()), List.of());
        checkIn(clerkOfBoth, here.point(), elsewhere.qr()).statusCode(409).body("code", equalTo("WRONG_SERVICE_POINT"));
        clock.reset(); // back to today: the booking is tomorrow's
        checkIn(here.clerk(), here.point(), here.qr()).statusCode(409).body("code", equalTo("WRONG_DAY"));
    }

    @Test
    void staffOfAnotherPointMayNot() {
        Setup s = booked();
        Setup other = booked();
        moveTo(BookingFixtures.today().plusDays(1), LocalTime.of(8, 50));
        checkIn(other.clerk(), s.point(), s.qr()).statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        other.clerk().as().get("/api/v1/staff/service-points/" + s.point() + "/bookings").then().statusCode(403);
        s.resident().as().contentType(ContentType.JSON).body(Map.of("servicePointId", s.point(), "code", s.qr()))
                .post("/api/v1/staff/check-ins").then().statusCode(403);
    }

    @Test
    void theDayListCountsAndTheVisitEnds() throws Throwable {
        Setup s = booked();
        BookingFixtures.Resident second = fixtures.verifiedResidents(1).get(0);
        long missed = second.as().contentType(ContentType.JSON).body(Map.of("slotId", s.slot())).post("/api/v1/me/bookings")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        LocalDate tomorrow = BookingFixtures.today().plusDays(1);
        moveTo(tomorrow, LocalTime.of(8, 50));
        checkIn(s.clerk(), s.point(), s.qr()).statusCode(200);
        s.clerk().as().post("/api/v1/staff/bookings/" + missed + "/no-show").then().statusCode(409)
                .body("code", equalTo("TOO_EARLY_FOR_NO_SHOW"));
        s.clerk().as().queryParam("date", tomorrow.toString()).get("/api/v1/staff/service-points/" + s.point() + "/bookings")
                .then().statusCode(200)
                .body("expected", equalTo(2)).body("checkedIn", equalTo(1)).body("noShow", equalTo(0))
                .body("bookings", hasSize(2));
        s.clerk().as().post("/api/v1/staff/bookings/" + s.booking() + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));

        // nobody came for the second: the job marks it once the slot is well over
        moveTo(tomorrow, LocalTime.of(10, 1));
        Integer marked = VertxContextSupport.subscribeAndAwait(desk::markMissed);
        assertThat(marked).isGreaterThanOrEqualTo(1);
        second.as().get("/api/v1/me/bookings/" + missed).then().body("status", equalTo("NO_SHOW"));
        fixtures.assertInvariants();
    }

    @Test
    void aWalkInIsBookedAndCheckedInAtOnce() {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        LocalDate tomorrow = BookingFixtures.today().plusDays(1);
        long slot = fixtures.slot(point, TestPolicies.VISIT, tomorrow, LocalTime.of(9, 0), 2, null);
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(point), List.of());
        moveTo(tomorrow, LocalTime.of(8, 40));
        String idNumber = org.minzheng.testsupport.TestIds.nanshan(LocalDate.of(1940, 4, 4), false);
        Map<String, Object> walkIn = Map.of("slotId", slot, "name", "路过的老人", "idNumber", idNumber);

        long id = clerk.as().contentType(ContentType.JSON).body(walkIn).post("/api/v1/staff/service-points/" + point + "/walk-ins")
                .then().statusCode(201).body("status", equalTo("CHECKED_IN")).body("people[0].name", equalTo("路****"))
                .extract().jsonPath().getLong("id");
        clerk.as().contentType(ContentType.JSON).body(walkIn).post("/api/v1/staff/service-points/" + point + "/walk-ins")
                .then().statusCode(409).body("code", equalTo("ALREADY_BOOKED"));
        clerk.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "name", "某人", "idNumber", "110105194912310021"))
                .post("/api/v1/staff/service-points/" + point + "/walk-ins").then().statusCode(400)
                .body("code", equalTo("INVALID_ID_NUMBER"));
        Logins.Session stranger = Logins.newStaff(List.of("COUNTER"), List.of(point + 1000), List.of());
        stranger.as().contentType(ContentType.JSON).body(walkIn).post("/api/v1/staff/service-points/" + point + "/walk-ins")
                .then().statusCode(403);
        clerk.as().post("/api/v1/staff/bookings/" + id + "/complete").then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(fixtures.booked(slot)).isEqualTo(1);
        fixtures.assertInvariants();
    }
}
