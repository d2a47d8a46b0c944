package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.Booking;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.SlotInventory;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A policy's onReleased gives back, in the same transaction, what its onBooked took, on every way a live
 * booking ends; and when it fails, the booking did not end.
 */
@QuarkusTest
class BookingReleaseTest {

    @Inject
    BookingFixtures fixtures;
    @Inject
    Bookings bookings;
    @Inject
    SlotInventory inventory;
    @Inject
    TestClock clock;

    private long point;

    @BeforeEach
    void allowanceLedger() {
        fixtures.sql(TestPolicies.ALLOWANCE_TABLE);
        point = fixtures.servicePoint(TestPolicies.ALLOWANCE);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long slot(int daysAhead, int capacity) {
        return fixtures.slot(point, TestPolicies.ALLOWANCE, BookingFixtures.today().plusDays(daysAhead), LocalTime.of(9, 0),
                capacity, null);
    }

    private static ValidatableResponse book(BookingFixtures.Resident r, long slot) {
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then();
    }

    private int taken(BookingFixtures.Resident r) {
        return fixtures.count("SELECT coalesce(sum(taken), 0) FROM test_allowance WHERE resident_id = " + r.id());
    }

    @Test
    void cancellingGivesBackWhatBookingTook() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = slot(2, 3);
        long id = book(r, slot).statusCode(201).extract().jsonPath().getLong("id");
        assertThat(taken(r)).isEqualTo(1);
        r.as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(taken(r)).isZero();
        // cancelling again ends nothing, so gives nothing back
        r.as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200);
        assertThat(taken(r)).isZero();
        fixtures.assertInvariants(slot);
    }

    @Test
    void aFailingReleaseLeavesTheBookingAsItWas() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = slot(2, 3);
        long id = book(r, slot).statusCode(201).extract().jsonPath().getLong("id");
        fixtures.sql("UPDATE test_allowance SET refuse_release = TRUE WHERE resident_id = " + r.id());

        r.as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(500).body("code", equalTo("INTERNAL_ERROR"));
        r.as().get("/api/v1/me/bookings/" + id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertThat(taken(r)).isEqualTo(1);
        assertThat(fixtures.booked(slot)).isEqualTo(1);
        assertThat(fixtures.queryOutbox(id)).containsExactly("BOOKING_CONFIRMED");
        fixtures.assertInvariants(slot);

        fixtures.sql("UPDATE test_allowance SET refuse_release = FALSE WHERE resident_id = " + r.id());
        r.as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(taken(r)).isZero();
        fixtures.assertInvariants(slot);
    }

    @Test
    void anOfferFromTheLineTakesAndItsExpiryGivesBack() throws Throwable {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long slot = slot(3, 1);
        long id = book(rs.get(0), slot).statusCode(201).extract().jsonPath().getLong("id");
        rs.get(1).as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/waitlist").then()
                .statusCode(201);
        rs.get(0).as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200);
        assertThat(taken(rs.get(0))).isZero();
        assertThat(taken(rs.get(1))).as("the offer (a hold) took its share").isEqualTo(1);

        clock.advance(Duration.ofHours(3));
        VertxContextSupport.subscribeAndAwait(bookings::expireDueHolds);
        assertThat(taken(rs.get(1))).as("the expired offer gave it back").isZero();
        fixtures.assertInvariants(slot);
    }

    @Test
    void theBureausCancellationGivesBackAndARebookingTakesAgain() throws Throwable {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = slot(2, 3);
        long later = slot(4, 3);
        long id = book(r, slot).statusCode(201).extract().jsonPath().getLong("id");
        Bookings.Released released = new Bookings.Released();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.find(Booking.class, id).flatMap(b -> inventory.read(b.slotId)
                        .flatMap(info -> bookings.cancelByBureau(s, b, info, "BOOKING_CANCELLED", Map.of("reason", "test"),
                                released))))));
        VertxContextSupport.subscribeAndAwait(() -> bookings.settle(released));
        assertThat(taken(r)).isZero();

        long rebooked = VertxContextSupport.subscribeAndAwait(() -> bookings.rebook(r.id(), id, later, (old, target) -> {
        })).id();
        assertThat(taken(r)).isEqualTo(1);
        r.as().post("/api/v1/me/bookings/" + rebooked + "/cancel").then().statusCode(200);
        assertThat(taken(r)).isZero();
        fixtures.assertInvariants(slot, later);
    }
}
