package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Parallel;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The invariants under real parallel requests, checked in PostgreSQL and Redis afterwards. */
@QuarkusTest
class BookingConcurrencyTest {

    @Inject
    BookingFixtures fixtures;

    private static Response book(BookingFixtures.Resident r, long slotId, String idempotencyKey) {
        var request = r.as().contentType(ContentType.JSON).body(Map.of("slotId", slotId));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/me/bookings");
    }


    @Test
    void threeHundredResidentsTwentyUnitsExactlyTwentyBookings() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 20, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(300);

        List<Callable<Response>> calls = residents.stream().<Callable<Response>> map(r -> () -> book(r, slot, null)).toList();
        List<Response> responses = Parallel.run(32, calls);

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(20);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .hasSize(280)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("code")).isEqualTo("SLOT_FULL"));
        assertThat(fixtures.booked(slot)).isEqualTo(20);
        assertThat(fixtures.activeBookings(slot)).isEqualTo(20);
        assertThat(fixtures.redisRemaining(slot)).isZero();
        fixtures.assertInvariants();
    }

    @Test
    void withIdempotencyKeysAsTheMiniProgramSendsThemStillExactlyTheCapacity() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(10, 0), 15, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(200);

        List<Callable<Response>> calls = residents.stream()
                .<Callable<Response>> map(r -> () -> book(r, slot, "flash-key-" + r.id())).toList();
        List<Response> responses = Parallel.run(32, calls);

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(15);
        assertThat(responses).filteredOn(r -> r.statusCode() != 201)
                .hasSize(185)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("code")).isEqualTo("SLOT_FULL"));
        assertThat(fixtures.booked(slot)).isEqualTo(15);
        assertThat(fixtures.activeBookings(slot)).isEqualTo(15);
        assertThat(fixtures.redisRemaining(slot)).isZero();
        fixtures.assertInvariants();
    }

    @Test
    void aRetryAfterTheSlotFilledGetsItsBookingNotSlotFull() {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(6), LocalTime.of(9, 30), 2, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(3);

        Response first = book(residents.get(0), slot, "booked-then-full-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(book(residents.get(1), slot, "booked-then-full-2").statusCode()).isEqualTo(201);
        // full now, in Redis too: a stranger is refused at the gate...
        Response stranger = book(residents.get(2), slot, "booked-then-full-3");
        assertThat(stranger.statusCode()).isEqualTo(409);
        assertThat(stranger.jsonPath().getString("code")).isEqualTo("SLOT_FULL");
        // ...but the first resident's retry (the answer lost on a bad network) is the booking they have
        Response retry = book(residents.get(0), slot, "booked-then-full-1");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.jsonPath().getLong("id")).isEqualTo(first.jsonPath().getLong("id"));
        // and their key for another request is still refused as reused, full slot or not
        Response reused = residents.get(0).as().contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "details", Map.of("note", "x")))
                .header("Idempotency-Key", "booked-then-full-1").post("/api/v1/me/bookings");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.jsonPath().getString("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // a refused stranger may retry with the same key and is refused again, not replayed
        assertThat(book(residents.get(2), slot, "booked-then-full-3").jsonPath().getString("code")).isEqualTo("SLOT_FULL");
        assertThat(fixtures.activeBookings(slot)).isEqualTo(2);
        fixtures.assertInvariants();
    }

    /**
     * Redis let a request through that PostgreSQL then found full (the reconciler overwrote a counter while bookings
     * were in flight): the answer is SLOT_FULL, and the resident may still book another window that day — the
     * bench's flash release met ALREADY_BOOKED here, the person's marker left behind.
     */
    @Test
    void aSlotFullInPostgresLeavesNoMarkerBehind() {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        LocalDate day = BookingFixtures.today().plusDays(8);
        long full = fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 0), 1, null);
        long other = fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 30), 1, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(2);
        assertThat(book(residents.get(0), full, "marker-left-0001").statusCode()).isEqualTo(201);
        fixtures.setRedisRemaining(full, 1);

        Response refused = book(residents.get(1), full, "marker-left-0002");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("SLOT_FULL");
        assertThat(fixtures.redisRemaining(full)).as("PostgreSQL's truth").isZero();
        Response next = book(residents.get(1), other, "marker-left-0003");
        assertThat(next.statusCode()).as(next.asString()).isEqualTo(201);
        fixtures.assertInvariants();
    }

    @Test
    void thirtyTapsOfOneResidentForOneDayMakeOneBooking() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        LocalDate day = BookingFixtures.today().plusDays(3);
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slots.add(fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 0).plusMinutes(30L * i), 10, null));
        }
        BookingFixtures.Resident resident = fixtures.verifiedResidents(1).get(0);

        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long slot = slots.get(i % slots.size());
            calls.add(() -> book(resident, slot, null).statusCode());
        }
        List<Integer> statuses = Parallel.run(30, calls);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(29);
        assertThat(fixtures.activeBookingsOf(resident.id())).isEqualTo(1);
        fixtures.assertInvariants();
    }

    @Test
    void oneIdempotencyKeyOneBookingTheSameAnswer() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(4), LocalTime.of(10, 0), 5, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(2);

        // sequential retry
        Response first = book(residents.get(0), slot, "retry-key-0001");
        Response again = book(residents.get(0), slot, "retry-key-0001");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.jsonPath().getLong("id")).isEqualTo(first.jsonPath().getLong("id"));
        assertThat(again.jsonPath().getString("reference")).isEqualTo(first.jsonPath().getString("reference"));

        // parallel duplicates
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> book(residents.get(1), slot, "parallel-key-0002"));
        }
        List<Response> responses = Parallel.run(10, calls);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.jsonPath().getLong("id")).distinct()).hasSize(1);
        assertThat(fixtures.activeBookingsOf(residents.get(1).id())).isEqualTo(1);
        assertThat(fixtures.booked(slot)).isEqualTo(2);

        // the same key for another request is refused
        long other = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(5), LocalTime.of(10, 0), 5, null);
        assertThat(book(residents.get(0), other, "retry-key-0001").statusCode()).isEqualTo(422);
        fixtures.assertInvariants();
    }
}
