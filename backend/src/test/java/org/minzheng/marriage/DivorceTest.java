package org.minzheng.marriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.marriage.service.DivorceCases;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Divorce by agreement: application, cooling-off, certificate window, withdrawal, completion and lapse. */
@QuarkusTest
class DivorceTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    BookingFixtures fixtures;

    @Inject
    DivorceCases cases;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Moves the application clock to this day and time in Shanghai. */
    private void at(LocalDate day, LocalTime time) {
        clock.setTo(day.atTime(time).atZone(SHANGHAI).toInstant());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }

    private record Couple(Logins.Session husband, String husbandId, Logins.Session wife, String wifeId, long office,
            Logins.Session clerk) {
    }

    private Couple couple() {
        String husbandId = TestIds.adultMale();
        String wifeId = TestIds.adultFemale();
        Logins.Session husband = Logins.verifiedResident("王大伟", husbandId);
        Logins.Session wife = Logins.verifiedResident("李小红", wifeId);
        long office = fixtures.servicePoint(DivorceApplicationPolicy.TYPE, DivorceCertificatePolicy.TYPE);
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(office), List.of());
        return new Couple(husband, husbandId, wife, wifeId, office, clerk);
    }

    /** Both spouses present their ID cards at the counter; the booking is checked in with the second. */
    private static void checkInBoth(Couple c, String reference) {
        c.clerk().as().contentType(ContentType.JSON).body(Map.of("servicePointId", c.office(), "code", reference))
                .post("/api/v1/staff/check-ins").then().statusCode(400).body("code", equalTo("ID_NUMBER_REQUIRED"));
        c.clerk().as().contentType(ContentType.JSON)
                .body(Map.of("servicePointId", c.office(), "code", reference, "idNumber", TestIds.adultMale()))
                .post("/api/v1/staff/check-ins").then().statusCode(409).body("code", equalTo("PERSON_NOT_IN_BOOKING"));
        c.clerk().as().contentType(ContentType.JSON)
                .body(Map.of("servicePointId", c.office(), "code", reference, "idNumber", c.husbandId()))
                .post("/api/v1/staff/check-ins").then().statusCode(200)
                .body("result", equalTo("PERSON_CHECKED_IN")).body("waitingFor", equalTo(1))
                .body("booking.status", equalTo("CONFIRMED"))
                .body("booking.people.findAll { it.checkedIn }", hasSize(1));
        c.clerk().as().contentType(ContentType.JSON)
                .body(Map.of("servicePointId", c.office(), "code", reference, "idNumber", c.wifeId()))
                .post("/api/v1/staff/check-ins").then().statusCode(200)
                .body("result", equalTo("CHECKED_IN")).body("waitingFor", equalTo(0))
                .body("booking.status", equalTo("CHECKED_IN"));
    }

    /** Books the application for both today at 09:00, the wife confirms, both come, the clerk receives it. */
    private long receivedApplication(Couple c) {
        at(today(), LocalTime.of(8, 0));
        long slot = fixtures.slot(c.office(), DivorceApplicationPolicy.TYPE, today(), LocalTime.of(9, 0), 5, null);
        JsonPath booking = c.husband().as().contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "partner", Map.of("name", "李小红", "idNumber", c.wifeId())))
                .post("/api/v1/me/marriage/bookings").then().statusCode(201)
                .body("status", equalTo("PENDING")).extract().jsonPath();
        long id = booking.getLong("id");
        c.wife().as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        checkInBoth(c, booking.getString("reference"));
        c.clerk().as().post("/api/v1/staff/bookings/" + id + "/complete").then().statusCode(409)
                .body("code", equalTo("OUTCOME_REQUIRED"));
        c.clerk().as().contentType(ContentType.JSON).body(Map.of("outcome", "REFUSED"))
                .post("/api/v1/staff/marriage/bookings/" + id + "/outcome").then().statusCode(400)
                .body("code", equalTo("REFUSAL_REASON"));
        c.clerk().as().contentType(ContentType.JSON).body(Map.of("outcome", "REGISTERED"))
                .post("/api/v1/staff/marriage/bookings/" + id + "/outcome").then().statusCode(409)
                .body("code", equalTo("OUTCOME_NOT_ALLOWED"));
        c.clerk().as().contentType(ContentType.JSON).body(Map.of("outcome", "RECEIVED"))
                .post("/api/v1/staff/marriage/bookings/" + id + "/outcome").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        return c.husband().as().get("/api/v1/me/marriage/divorce-cases").then().statusCode(200)
                .body("", hasSize(1)).extract().jsonPath().getLong("[0].id");
    }

    /** The case's messages to a spouse (the invitation to confirm the application aside). */
    private List<String> inbox(Logins.Session s) {
        return fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + s.id()
                + " AND template_key LIKE 'DIVORCE_%' AND template_key <> 'DIVORCE_INVITATION' ORDER BY id");
    }

    private void advance() throws Throwable {
        VertxContextSupport.subscribeAndAwait(cases::advance);
    }

    @Test
    void theWindowsLastDayMovesToTheNextWorkdayWhenItIsNotOne() throws Throwable {
        // received 2026-08-02: the 60th day is 10-01, National Day, a holiday until 10-07
        assertThat(windowCloses(LocalDate.of(2026, 8, 2))).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(windowCloses(LocalDate.of(2026, 8, 6))).isEqualTo(LocalDate.of(2026, 10, 8));
        // 10-10 is a Saturday worked to make up for the holiday: no move
        assertThat(windowCloses(LocalDate.of(2026, 8, 11))).isEqualTo(LocalDate.of(2026, 10, 10));
        // an ordinary Sunday, 11-29, moves to Monday (a period ending on a day off ends on the next workday)
        assertThat(windowCloses(LocalDate.of(2026, 9, 30))).isEqualTo(LocalDate.of(2026, 11, 30));
        // an ordinary Monday stays
        assertThat(windowCloses(LocalDate.of(2026, 9, 3))).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    private LocalDate windowCloses(LocalDate receivedOn) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> cases.windowCloses(receivedOn));
    }

    @Test
    void aReceivedApplicationStartsThirtyDaysOfCoolingOffFromTheNextDayThenTheWindow() throws Throwable {
        Couple couple = couple();
        long caseId = receivedApplication(couple);
        LocalDate received = today();
        LocalDate closes = windowCloses(received);

        for (Logins.Session spouse : List.of(couple.husband(), couple.wife())) {
            spouse.as().get("/api/v1/me/marriage/divorce-cases").then().statusCode(200)
                    .body("[0].id", equalTo((int) caseId))
                    .body("[0].status", equalTo("COOLING_OFF"))
                    .body("[0].receivedOn", equalTo(received.toString()))
                    .body("[0].coolingOffEnds", equalTo(received.plusDays(30).toString()))
                    .body("[0].windowOpens", equalTo(received.plusDays(31).toString()))
                    .body("[0].windowCloses", equalTo(closes.toString()));
            assertThat(inbox(spouse)).containsExactly("DIVORCE_RECEIVED");
        }
        couple.husband().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].spouseName", equalTo("李**"));
        assertThat(fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + couple.wife().id()
                + " ORDER BY id LIMIT 1")).containsExactly("DIVORCE_INVITATION");

        // a certificate visit cannot be booked in the cooling-off period
        long early = fixtures.slot(couple.office(), DivorceCertificatePolicy.TYPE, received.plusDays(10), LocalTime.of(9, 0), 5, null);
        certificate(couple.wife(), caseId, early).statusCode(409).body("code", equalTo("OUTSIDE_CERTIFICATE_WINDOW"));

        // the last day of cooling-off: nothing moves yet
        at(received.plusDays(30), LocalTime.of(23, 0));
        advance();
        couple.wife().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].status", equalTo("COOLING_OFF"));

        // the window opens the next day: both are told, once, however often the job runs
        at(received.plusDays(31), LocalTime.of(7, 0));
        advance();
        advance();
        couple.wife().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].status", equalTo("WINDOW_OPEN"));
        assertThat(inbox(couple.husband())).containsExactly("DIVORCE_RECEIVED", "DIVORCE_WINDOW_OPEN");
        couple.wife().as().post("/api/v1/me/marriage/divorce-cases/" + caseId + "/withdraw").then().statusCode(409)
                .body("code", equalTo("NOT_IN_COOLING_OFF"));

        // only at the office that received the application, and only for the two of them
        long elsewhere = fixtures.servicePoint(DivorceCertificatePolicy.TYPE);
        long otherOffice = fixtures.slot(elsewhere, DivorceCertificatePolicy.TYPE, today(), LocalTime.of(10, 0), 5, null);
        certificate(couple.wife(), caseId, otherOffice).statusCode(409).body("code", equalTo("WRONG_OFFICE"));
        Logins.Session stranger = Logins.verifiedResident("赵大力", TestIds.adultMale());
        long slot = fixtures.slot(couple.office(), DivorceCertificatePolicy.TYPE, today(), LocalTime.of(10, 0), 5, null);
        certificate(stranger, caseId, slot).statusCode(404).body("code", equalTo("DIVORCE_CASE_NOT_FOUND"));

        // the wife books the certificate visit for both; it is confirmed at once; both come; registered
        JsonPath booking = certificate(couple.wife(), caseId, slot).statusCode(201)
                .body("status", equalTo("CONFIRMED")).body("people", hasSize(2)).extract().jsonPath();
        assertThat(inbox(couple.husband())).contains("DIVORCE_CERTIFICATE_BOOKED");
        checkInBoth(couple, booking.getString("reference"));
        couple.clerk().as().contentType(ContentType.JSON).body(Map.of("outcome", "REGISTERED"))
                .post("/api/v1/staff/marriage/bookings/" + booking.getLong("id") + "/outcome").then().statusCode(200);
        couple.husband().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].status", equalTo("COMPLETED"));
        assertThat(inbox(couple.wife())).endsWith("DIVORCE_COMPLETED");

        // a completed case does not lapse
        at(closes.plusDays(1), LocalTime.of(9, 0));
        advance();
        couple.husband().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].status", equalTo("COMPLETED"));
    }

    @Test
    void eitherSpouseMayWithdrawAloneDuringCoolingOff() throws Throwable {
        Couple couple = couple();
        long caseId = receivedApplication(couple);

        at(today().plusDays(12), LocalTime.of(10, 0));
        Logins.verifiedResident("赵大力", TestIds.adultMale()).as()
                .post("/api/v1/me/marriage/divorce-cases/" + caseId + "/withdraw").then().statusCode(404);
        couple.wife().as().post("/api/v1/me/marriage/divorce-cases/" + caseId + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        couple.wife().as().post("/api/v1/me/marriage/divorce-cases/" + caseId + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        assertThat(inbox(couple.husband())).containsExactly("DIVORCE_RECEIVED", "DIVORCE_WITHDRAWN");

        // the case is over: no window, no certificate visit, no lapse message
        at(today().plusDays(25), LocalTime.of(7, 0));
        advance();
        long slot = fixtures.slot(couple.office(), DivorceCertificatePolicy.TYPE, today(), LocalTime.of(9, 0), 5, null);
        certificate(couple.husband(), caseId, slot).statusCode(409).body("code", equalTo("NO_OPEN_DIVORCE_CASE"));
        assertThat(inbox(couple.wife())).containsExactly("DIVORCE_RECEIVED", "DIVORCE_WITHDRAWN");
    }

    @Test
    void anUnusedWindowWarnsThreeDaysBeforeItClosesThenLapses() throws Throwable {
        Couple couple = couple();
        long caseId = receivedApplication(couple);
        LocalDate closes = windowCloses(today());

        at(closes.minusDays(4), LocalTime.of(9, 0));
        advance();
        assertThat(inbox(couple.wife())).containsExactly("DIVORCE_RECEIVED", "DIVORCE_WINDOW_OPEN");
        at(closes.minusDays(3), LocalTime.of(9, 0));
        advance();
        at(closes.minusDays(2), LocalTime.of(9, 0));
        advance();
        assertThat(inbox(couple.wife())).containsExactly("DIVORCE_RECEIVED", "DIVORCE_WINDOW_OPEN",
                "DIVORCE_WINDOW_CLOSING");

        // the last day still counts; the day after, the application lapses
        at(closes, LocalTime.of(23, 0));
        advance();
        couple.husband().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].status", equalTo("WINDOW_OPEN"));
        at(closes.plusDays(1), LocalTime.of(0, 30));
        advance();
        couple.husband().as().get("/api/v1/me/marriage/divorce-cases").then().body("[0].status", equalTo("LAPSED"));
        assertThat(inbox(couple.husband())).endsWith("DIVORCE_WINDOW_CLOSING", "DIVORCE_LAPSED");
        long slot = fixtures.slot(couple.office(), DivorceCertificatePolicy.TYPE, today().plusDays(1), LocalTime.of(9, 0), 5, null);
        certificate(couple.husband(), caseId, slot).statusCode(409).body("code", equalTo("NO_OPEN_DIVORCE_CASE"));
    }

    private static io.restassured.response.ValidatableResponse certificate(Logins.Session s, long caseId, long slot) {
        return s.as().contentType(ContentType.JSON).body(Map.of("slotId", slot))
                .post("/api/v1/me/marriage/divorce-cases/" + caseId + "/certificate-booking").then();
    }
}
