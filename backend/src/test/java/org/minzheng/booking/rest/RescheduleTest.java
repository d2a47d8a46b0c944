package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RescheduleTest {

    @Inject
    BookingFixtures fixtures;

    private static long book(BookingFixtures.Resident r, long slot) {
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.Response reschedule(BookingFixtures.Resident r, long booking, long slot) {
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot))
                .post("/api/v1/me/bookings/" + booking + "/reschedule");
    }

    @Test
    void movesTheBookingAndItsUnit() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long from = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 2, null);
        long to = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 0), 2, null);
        long id = book(r, from);
        reschedule(r, id, to).then().statusCode(200).body("slotId", equalTo((int) to)).body("status", equalTo("CONFIRMED"));
        assertThat(fixtures.booked(from)).isZero();
        assertThat(fixtures.booked(to)).isEqualTo(1);
        assertThat(fixtures.queryOutbox(id)).containsExactly("BOOKING_CONFIRMED", "BOOKING_RESCHEDULED");
        fixtures.assertInvariants();
    }

    @Test
    void aFullTargetChangesNothing() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long from = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 2, null);
        long full = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 0), 1, null);
        long id = book(rs.get(0), from);
        book(rs.get(1), full);
        reschedule(rs.get(0), id, full).then().statusCode(409).body("code", equalTo("SLOT_FULL"));
        rs.get(0).as().get("/api/v1/me/bookings/" + id).then().body("slotId", equalTo((int) from));
        assertThat(fixtures.booked(from)).isEqualTo(1);
        fixtures.assertInvariants();
    }

    @Test
    void underContentionNobodyEndsWithZeroOrTwoBookings() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long target = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(5), LocalTime.of(14, 0), 2, null);
        List<BookingFixtures.Resident> movers = fixtures.verifiedResidents(8);
        List<Long> bookings = new ArrayList<>();
        for (int i = 0; i < movers.size(); i++) {
            long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(4), LocalTime.of(8, 0).plusMinutes(30L * i), 1, null);
            bookings.add(book(movers.get(i), slot));
        }
        List<BookingFixtures.Resident> newcomers = fixtures.verifiedResidents(8);

        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < movers.size(); i++) {
            BookingFixtures.Resident r = movers.get(i);
            long booking = bookings.get(i);
            calls.add(() -> reschedule(r, booking, target).statusCode());
            BookingFixtures.Resident n = newcomers.get(i);
            calls.add(() -> n.as().contentType(ContentType.JSON).body(Map.of("slotId", target)).post("/api/v1/me/bookings").statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (var f : pool.invokeAll(calls)) {
                assertThat(f.get()).isIn(200, 201, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.booked(target)).isEqualTo(2);
        for (BookingFixtures.Resident mover : movers) {
            assertThat(fixtures.activeBookingsOf(mover.id())).as("resident %d", mover.id()).isEqualTo(1);
        }
        fixtures.assertInvariants();
    }
}
