package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.service.Bookings;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class WaitlistAndHoldsTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    Bookings bookings;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse book(BookingFixtures.Resident r, long slot) {
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then();
    }

    private static ValidatableResponse join(BookingFixtures.Resident r, long slot) {
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/waitlist").then();
    }

    private long fullSlot(BookingFixtures.Resident holder) {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 0), 1, null);
        book(holder, slot).statusCode(201);
        return slot;
    }

    private int expireHolds() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(bookings::expireDueHolds);
    }

    @Test
    void aCancelledUnitIsOfferedToTheFirstInLineWhoConfirms() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        long slot = fullSlot(rs.get(0));
        long first = join(rs.get(1), slot).statusCode(201).body("status", equalTo("WAITING")).body("position", equalTo(1))
                .extract().jsonPath().getLong("id");
        join(rs.get(2), slot).statusCode(201).body("position", equalTo(2));

        long booking = rs.get(0).as().get("/api/v1/me/bookings").then().extract().jsonPath().getLong("items[0].id");
        rs.get(0).as().post("/api/v1/me/bookings/" + booking + "/cancel").then().statusCode(200);

        long offer = rs.get(1).as().get("/api/v1/me/waitlist/" + first).then().statusCode(200)
                .body("status", equalTo("OFFERED")).body("offeredBookingId", notNullValue())
                .extract().jsonPath().getLong("offeredBookingId");
        rs.get(1).as().get("/api/v1/me/bookings/" + offer).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("holdUntil", notNullValue());
        assertThat(fixtures.queryOutbox(offer)).containsExactly("WAITLIST_OFFER");
        // the unit went to the line, not back to the public
        book(fixtures.verifiedResidents(1).get(0), slot).statusCode(409).body("code", equalTo("SLOT_FULL"));

        rs.get(1).as().post("/api/v1/me/bookings/" + offer + "/confirm").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertThat(fixtures.booked(slot)).isEqualTo(1);
        fixtures.assertInvariants();
    }

    @Test
    void anOfferNotConfirmedInTimeGoesToTheNext() throws Throwable {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        long slot = fullSlot(rs.get(0));
        long first = join(rs.get(1), slot).statusCode(201).extract().jsonPath().getLong("id");
        long second = join(rs.get(2), slot).statusCode(201).extract().jsonPath().getLong("id");
        long booking = rs.get(0).as().get("/api/v1/me/bookings").then().extract().jsonPath().getLong("items[0].id");
        rs.get(0).as().post("/api/v1/me/bookings/" + booking + "/cancel").then().statusCode(200);

        long offer = rs.get(1).as().get("/api/v1/me/waitlist/" + first).then().extract().jsonPath().getLong("offeredBookingId");
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(expireHolds()).isGreaterThanOrEqualTo(1);

        rs.get(1).as().get("/api/v1/me/bookings/" + offer).then().body("status", equalTo("EXPIRED"));
        rs.get(1).as().post("/api/v1/me/bookings/" + offer + "/confirm").then().statusCode(409).body("code", equalTo("HOLD_EXPIRED"));
        rs.get(1).as().get("/api/v1/me/waitlist/" + first).then().body("status", equalTo("SKIPPED"));
        rs.get(2).as().get("/api/v1/me/waitlist/" + second).then().body("status", equalTo("OFFERED"));
        assertThat(fixtures.booked(slot)).isEqualTo(1);
        fixtures.assertInvariants();
    }

    @Test
    void anExpiredHoldWithNobodyWaitingFreesItsUnit() throws Throwable {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        long slot = fullSlot(rs.get(0));
        long entry = join(rs.get(1), slot).statusCode(201).extract().jsonPath().getLong("id");
        long booking = rs.get(0).as().get("/api/v1/me/bookings").then().extract().jsonPath().getLong("items[0].id");
        rs.get(0).as().post("/api/v1/me/bookings/" + booking + "/cancel").then().statusCode(200);
        assertThat(rs.get(1).as().get("/api/v1/me/waitlist/" + entry).then().extract().jsonPath().getString("status"))
                .isEqualTo("OFFERED");

        clock.advance(Duration.ofHours(3));
        expireHolds();
        assertThat(fixtures.booked(slot)).isZero();
        assertThat(fixtures.redisRemaining(slot)).isEqualTo(1);
        book(rs.get(2), slot).statusCode(201);
        fixtures.assertInvariants();
    }

    @Test
    void theLineIsOnlyForFullSlotsAndOnlyOnce() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long open = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 0), 2, null);
        join(rs.get(0), open).statusCode(409).body("code", equalTo("SLOT_AVAILABLE"));

        long slot = fullSlot(rs.get(0));
        join(rs.get(0), slot).statusCode(409).body("code", equalTo("ALREADY_BOOKED"));
        long entry = join(rs.get(1), slot).statusCode(201).extract().jsonPath().getLong("id");
        join(rs.get(1), slot).statusCode(409).body("code", equalTo("ALREADY_WAITING"));
        rs.get(1).as().post("/api/v1/me/waitlist/" + entry + "/leave").then().statusCode(200).body("status", equalTo("LEFT"));
        join(rs.get(1), slot).statusCode(201);
    }
}
