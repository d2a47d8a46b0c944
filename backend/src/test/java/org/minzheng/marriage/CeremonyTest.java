package org.minzheng.marriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The certificate ceremony: chained to the registration, the same day after it, and ending with it. */
@QuarkusTest
class CeremonyTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private final LocalDate day = BookingFixtures.today().plusDays(4);

    private record Setup(Logins.Session groom, Logins.Session bride, long registration, long hall, long office) {
    }

    /** A registration 09:00–09:30 at an office; a ceremony hall with slots that day. */
    private Setup setup() {
        long office = fixtures.servicePoint(MarriagePolicy.TYPE);
        long registrationSlot = fixtures.slot(office, MarriagePolicy.TYPE, day, LocalTime.of(9, 0), 5, null);
        long hall = fixtures.servicePoint(CeremonyPolicy.TYPE);
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);
        long registration = groom.as().contentType(ContentType.JSON)
                .body(Map.of("slotId", registrationSlot, "partner", Map.of("name", "李小红", "idNumber", brideId)))
                .post("/api/v1/me/marriage/bookings").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Setup(groom, bride, registration, hall, office);
    }

    private static ValidatableResponse ceremony(Logins.Session s, long registration, long slot, int partySize) {
        return s.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "partySize", partySize))
                .post("/api/v1/me/marriage/bookings/" + registration + "/ceremony").then();
    }

    private String status(Logins.Session s, long booking) {
        return s.as().get("/api/v1/me/bookings/" + booking).then().statusCode(200).extract().path("status");
    }

    @Test
    void theCeremonyIsOnTheRegistrationDayAfterItsSlotWithALimitedParty() {
        Setup s = setup();
        long overlapping = fixtures.slot(s.hall(), CeremonyPolicy.TYPE, day, LocalTime.of(9, 15), 1, null);
        long nextDay = fixtures.slot(s.hall(), CeremonyPolicy.TYPE, day.plusDays(1), LocalTime.of(10, 0), 1, null);
        long after = fixtures.slot(s.hall(), CeremonyPolicy.TYPE, day, LocalTime.of(9, 30), 1, null);

        ceremony(s.groom(), s.registration(), overlapping, 10).statusCode(422)
                .body("code", equalTo("CEREMONY_AFTER_REGISTRATION"));
        ceremony(s.groom(), s.registration(), nextDay, 10).statusCode(422)
                .body("code", equalTo("CEREMONY_AFTER_REGISTRATION"));
        ceremony(s.groom(), s.registration(), after, 31).statusCode(422).body("code", equalTo("PARTY_TOO_LARGE"));
        ceremony(s.bride(), s.registration(), after, 10).statusCode(404);
        s.groom().as().contentType(ContentType.JSON).body(Map.of("slotId", after, "partySize", 10))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("CEREMONY_NEEDS_REGISTRATION"));
        s.groom().as().contentType(ContentType.JSON)
                .body(Map.of("slotId", after, "partySize", 10, "details", Map.of("chainedTo", s.registration())))
                .post("/api/v1/me/bookings").then().statusCode(400).body("code", equalTo("RESERVED_DETAIL"));

        ceremony(s.groom(), s.registration(), after, 30).statusCode(201)
                .body("status", equalTo("CONFIRMED")).body("units", equalTo(1));
        assertThat(fixtures.booked(after)).isEqualTo(1);
        fixtures.assertInvariants(overlapping, nextDay, after);
    }

    @Test
    void theCeremonyEndsWithItsRegistrationButNotTheOtherWayRound() {
        // the partner declines the registration: the ceremony booked meanwhile goes too
        Setup declined = setup();
        long slot = fixtures.slot(declined.hall(), CeremonyPolicy.TYPE, day, LocalTime.of(11, 0), 2, null);
        long ceremony = ceremony(declined.groom(), declined.registration(), slot, 12).statusCode(201)
                .extract().jsonPath().getLong("id");
        declined.bride().as().post("/api/v1/me/marriage/invitations/" + declined.registration() + "/decline").then()
                .statusCode(200);
        assertThat(status(declined.groom(), ceremony)).isEqualTo("CANCELLED");
        assertThat(fixtures.booked(slot)).isZero();

        // the ceremony alone may be cancelled; the registration stays
        Setup kept = setup();
        kept.bride().as().post("/api/v1/me/marriage/invitations/" + kept.registration() + "/accept").then().statusCode(200);
        long own = ceremony(kept.groom(), kept.registration(), slot, 12).statusCode(201).extract().jsonPath().getLong("id");
        kept.groom().as().post("/api/v1/me/bookings/" + own + "/cancel").then().statusCode(200);
        assertThat(status(kept.groom(), kept.registration())).isEqualTo("CONFIRMED");

        // the booker cancels the registration: its ceremony is cancelled with it
        long again = ceremony(kept.groom(), kept.registration(), slot, 12).statusCode(201).extract().jsonPath().getLong("id");
        kept.groom().as().post("/api/v1/me/bookings/" + kept.registration() + "/cancel").then().statusCode(200);
        assertThat(status(kept.groom(), again)).isEqualTo("CANCELLED");
        assertThat(fixtures.booked(slot)).isZero();
        assertThat(fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + kept.bride().id()
                + " ORDER BY id")).contains("MARRIAGE_INVITATION", "CEREMONY_BOOKED");
        fixtures.assertInvariants(slot);
    }

    @Test
    void aRefusedRegistrationTakesItsCeremonyWithIt() {
        String groomId = TestIds.adultMale();
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", groomId);
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);
        long office = fixtures.servicePoint(MarriagePolicy.TYPE);
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(office), List.of());
        // 08:00 on the day of a 09:00 registration and an 11:00 ceremony (sessions signed in before: their
        // tokens are checked against the real time)
        LocalDate today = BookingFixtures.today();
        clock.setTo(today.atTime(8, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        long registrationSlot = fixtures.slot(office, MarriagePolicy.TYPE, today, LocalTime.of(9, 0), 5, null);
        long hall = fixtures.servicePoint(CeremonyPolicy.TYPE);
        long slot = fixtures.slot(hall, CeremonyPolicy.TYPE, today, LocalTime.of(11, 0), 1, null);
        var registration = groom.as().contentType(ContentType.JSON)
                .body(Map.of("slotId", registrationSlot, "partner", Map.of("name", "李小红", "idNumber", brideId)))
                .post("/api/v1/me/marriage/bookings").then().statusCode(201).extract().jsonPath();
        long id = registration.getLong("id");
        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(200);
        long ceremony = ceremony(groom, id, slot, 5).statusCode(201).extract().jsonPath().getLong("id");

        for (String person : List.of(groomId, brideId)) {
            clerk.as().contentType(ContentType.JSON)
                    .body(Map.of("servicePointId", office, "code", registration.getString("reference"), "idNumber", person))
                    .post("/api/v1/staff/check-ins").then().statusCode(200);
        }
        clerk.as().contentType(ContentType.JSON).body(Map.of("outcome", "REFUSED", "reason", "PROHIBITED_KINSHIP"))
                .post("/api/v1/staff/marriage/bookings/" + id + "/outcome").then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("details.outcome", equalTo("REFUSED"))
                .body("details.refusalReason", equalTo("PROHIBITED_KINSHIP"));
        assertThat(status(groom, ceremony)).isEqualTo("CANCELLED");
        assertThat(fixtures.booked(slot)).isZero();
    }
}
