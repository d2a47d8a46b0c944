package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class BookingRulesTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse book(BookingFixtures.Resident r, Map<String, Object> body) {
        return r.as().contentType(ContentType.JSON).body(body).post("/api/v1/me/bookings").then();
    }

    private long visitSlot(int daysAhead, int capacity) {
        long point = fixtures.servicePoint(TestPolicies.VISIT, TestPolicies.PARTY);
        return fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(daysAhead), LocalTime.of(9, 0), capacity, null);
    }

    @Test
    void aBookingHasAReferenceItsPeopleMaskedAndAnOutboxRow() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = visitSlot(2, 3);
        var created = book(r, Map.of("slotId", slot)).statusCode(201)
                .header("Location", containsString("/api/v1/me/bookings/"))
                .body("status", equalTo("CONFIRMED"))
                .body("reference", notNullValue())
                .body("people", hasSize(1))
                .body("people[0].name", equalTo("测***"))
                .body("units", equalTo(1))
                .extract().jsonPath();
        long id = created.getLong("id");
        // the answer to the POST is what a later read shows
        var read = r.as().get("/api/v1/me/bookings/" + id).then().statusCode(200).extract().jsonPath();
        for (String field : List.of("reference", "status", "createdAt", "qrPayload", "startsAt", "day")) {
            assertThat(read.getString(field)).as(field).isEqualTo(created.getString(field));
        }
        assertThat(read.getList("people")).isEqualTo(created.getList("people"));
        r.as().get("/api/v1/me/bookings").then().statusCode(200).body("items[0].id", equalTo((int) id));
        assertThat(fixtures.queryOutbox(id)).containsExactly("BOOKING_CONFIRMED");
    }

    @Test
    void anotherResidentsBookingIsNotFound() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long id = book(rs.get(0), Map.of("slotId", visitSlot(2, 3))).statusCode(201).extract().jsonPath().getLong("id");
        rs.get(1).as().get("/api/v1/me/bookings/" + id).then().statusCode(404).body("code", equalTo("BOOKING_NOT_FOUND"));
        rs.get(1).as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(404);
    }

    @Test
    void cancelFreesTheUnitForTheNextResident() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long slot = visitSlot(2, 1);
        long id = book(rs.get(0), Map.of("slotId", slot)).statusCode(201).extract().jsonPath().getLong("id");
        book(rs.get(1), Map.of("slotId", slot)).statusCode(409).body("code", equalTo("SLOT_FULL"));
        rs.get(0).as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        rs.get(0).as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(fixtures.booked(slot)).isZero();
        book(rs.get(1), Map.of("slotId", slot)).statusCode(201);
        // and the first may book again that day once their booking is cancelled
        book(rs.get(0), Map.of("slotId", visitSlot(2, 1))).statusCode(201);
        assertThat(fixtures.queryOutbox(id)).containsExactly("BOOKING_CONFIRMED", "BOOKING_CANCELLED");
        fixtures.assertInvariants();
    }

    @Test
    void cancellationCutOff() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = visitSlot(1, 1);
        long id = book(r, Map.of("slotId", slot)).statusCode(201).extract().jsonPath().getLong("id");
        // TEST_VISIT closes cancellation an hour before the start (09:00 tomorrow)
        LocalDate tomorrow = BookingFixtures.today().plusDays(1);
        Instant lateEvening = tomorrow.atTime(8, 30).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        clock.setTo(lateEvening);
        r.as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(409).body("code", equalTo("CANCELLATION_CLOSED"));
    }

    @Test
    void notYetOpenUntilTheReleaseInstant() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        Instant release = Instant.now().plus(Duration.ofHours(2));
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 0), 5, release);
        book(r, Map.of("slotId", slot)).statusCode(409).body("code", equalTo("NOT_YET_OPEN"))
                .body("detail", containsString(release.toString().substring(0, 16)));
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        book(r, Map.of("slotId", slot)).statusCode(201);
    }

    @Test
    void outsideTheBookingWindow() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        book(r, Map.of("slotId", visitSlot(16, 5))).statusCode(409).body("code", equalTo("OUTSIDE_BOOKING_WINDOW"));
        book(r, Map.of("slotId", visitSlot(-1, 5))).statusCode(409).body("code", equalTo("OUTSIDE_BOOKING_WINDOW"));
        book(r, Map.of("slotId", 987654321)).statusCode(404).body("code", equalTo("SLOT_NOT_FOUND"));
    }

    @Test
    void forMyselfAndMyDependants() {
        Logins.Session me = Logins.verifiedResident("刘备", TestIds.adultMale());
        long mum = me.as().contentType(ContentType.JSON).body(Map.of("name", "刘母", "idNumber",
                TestIds.nanshan(LocalDate.of(1950, 1, 2), false), "relation", "PARENT", "consentStatement", "同意"))
                .post("/api/v1/me/dependants").then().statusCode(201).extract().jsonPath().getLong("id");
        long slot = visitSlot(2, 5);
        me.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "self", true, "dependantIds", List.of(mum)))
                .post("/api/v1/me/bookings").then().statusCode(201)
                .body("people.reference", org.hamcrest.Matchers.contains("resident:" + me.id(), "dependant:" + mum));
        // someone else's dependant cannot be named
        Logins.Session stranger = Logins.verifiedResident("曹操", TestIds.adultMale());
        stranger.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "self", false, "dependantIds", List.of(mum)))
                .post("/api/v1/me/bookings").then().statusCode(404).body("code", equalTo("DEPENDANT_NOT_FOUND"));
        // only verified residents book
        Logins.newResident().as().contentType(ContentType.JSON).body(Map.of("slotId", slot))
                .post("/api/v1/me/bookings").then().statusCode(409).body("code", equalTo("IDENTITY_NOT_VERIFIED"));
    }

    @Test
    void partySizeRules() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long point = fixtures.servicePoint(TestPolicies.PARTY);
        long slot = fixtures.slot(point, TestPolicies.PARTY, BookingFixtures.today().plusDays(2), LocalTime.of(8, 0), 6, null);
        book(r, Map.of("slotId", slot)).statusCode(422).body("code", equalTo("PARTY_SIZE_REQUIRED"));
        book(r, Map.of("slotId", slot, "partySize", 6)).statusCode(422).body("code", equalTo("PARTY_TOO_LARGE"));
        book(r, Map.of("slotId", slot, "partySize", 4)).statusCode(201).body("units", equalTo(4));
        BookingFixtures.Resident other = fixtures.verifiedResidents(1).get(0);
        book(other, Map.of("slotId", slot, "partySize", 3)).statusCode(409).body("code", equalTo("SLOT_FULL"));
        book(other, Map.of("slotId", slot, "partySize", 2)).statusCode(201);
        assertThat(fixtures.booked(slot)).isEqualTo(6);
        fixtures.assertInvariants();
    }

    @Test
    void noShowsSuspendBookingForAWhile() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        for (int i = 1; i <= 3; i++) {
            long past = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().minusDays(10L * i), LocalTime.of(9, 0), 5, null);
            fixtures.sql("INSERT INTO booking (reference, resident_id, slot_id, service_type, service_point_id, day, units, status, "
                    + "created_at, updated_at) SELECT 'NOSHOW" + i + r.id() % 100 + "X', " + r.id() + ", id, service_type, "
                    + "service_point_id, day, 1, 'NO_SHOW', now(), now() FROM slot WHERE id = " + past);
            fixtures.sql("UPDATE slot SET booked = booked + 1 WHERE id = " + past); // a missed visit keeps its unit
        }
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 5, null);
        book(r, Map.of("slotId", slot)).statusCode(409).body("code", equalTo("SUSPENDED_FOR_NO_SHOWS"));
        // the latest no-show was 10 days ago: 30 days of suspension end in 20 days
        clock.advance(Duration.ofDays(21));
        long later = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(23), LocalTime.of(9, 0), 5, null);
        book(r, Map.of("slotId", later)).statusCode(201);
    }

    @Test
    void availabilityShowsRemainingUnits() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        LocalDate day = BookingFixtures.today().plusDays(6);
        long slot = fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 0), 3, null);
        fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 30), 3, Instant.now().plus(Duration.ofDays(1)));
        book(rs.get(0), Map.of("slotId", slot)).statusCode(201);
        book(rs.get(1), Map.of("slotId", slot)).statusCode(201);
        io.restassured.RestAssured.given().queryParam("serviceType", TestPolicies.VISIT).queryParam("from", day.toString())
                .queryParam("to", day.toString()).get("/api/v1/service-points/" + point + "/slots").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].remaining", equalTo(1)).body("[0].open", equalTo(true))
                .body("[1].remaining", equalTo(3)).body("[1].open", equalTo(false));
        io.restassured.RestAssured.given().queryParam("serviceType", TestPolicies.VISIT).queryParam("from", day.toString())
                .queryParam("to", day.plusDays(60).toString()).get("/api/v1/service-points/" + point + "/slots").then()
                .statusCode(400).body("code", equalTo("INVALID_DATE_RANGE"));
    }

    /** Residents refreshing a popular day at once all get the list (the bench's availability storm found 500s). */
    @Test
    void manyParallelRefreshesOfOneDayAllGetTheList() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        LocalDate day = BookingFixtures.today().plusDays(7);
        for (int i = 0; i < 4; i++) {
            fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 0).plusMinutes(30L * i), 3, null);
        }
        List<java.util.concurrent.Callable<Integer>> refreshes = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            refreshes.add(() -> io.restassured.RestAssured.given().queryParam("serviceType", TestPolicies.VISIT)
                    .queryParam("from", day.toString()).queryParam("to", day.toString())
                    .get("/api/v1/service-points/" + point + "/slots").statusCode());
        }
        assertThat(org.minzheng.testsupport.Parallel.run(32, refreshes)).allMatch(status -> status == 200);
    }
}
