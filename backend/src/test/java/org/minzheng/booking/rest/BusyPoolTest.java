package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.ServicesEnv;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An overloaded backend says so: a request that finds no free database connection in time is answered 503
 * {@code SERVICE_BUSY} with {@code Retry-After}, not 500, and leaves nothing behind, so the same request later books.
 * One connection, waited for a second at most (rather than 5 s), in {@link OneConnectionTest}'s app.
 */
@QuarkusTest
@TestProfile(OneConnectionTest.OneConnection.class)
class BusyPoolTest {

    @Inject
    BookingFixtures fixtures;

    @Test
    void noConnectionInTimeIsBusyNotAnErrorAndLeavesNothingBehind() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 0), 5, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(2);

        CompletableFuture<Response> first;
        try (Connection lock = ServicesEnv.connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT booked FROM slot WHERE id = " + slot + " FOR UPDATE");
            }
            // the first booking takes the only connection and waits on the slot's lock with it
            first = CompletableFuture.supplyAsync(() -> book(residents.get(0), slot, "busy-first-" + slot));
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> ServicesEnv.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") == 1);

            Response busy = book(residents.get(1), slot, "busy-second-" + slot);
            assertThat(busy.statusCode()).as(busy.asString()).isEqualTo(503);
            assertThat(busy.contentType()).startsWith("application/problem+json");
            assertThat(busy.jsonPath().getString("code")).isEqualTo("SERVICE_BUSY");
            assertThat(busy.header("Retry-After")).isEqualTo("2");
            assertThat(busy.asString()).doesNotContain("Timeout", "vertx", "Exception");
            lock.rollback();
        }

        assertThat(first.get().statusCode()).as(first.get().asString()).isEqualTo(201);
        Response again = book(residents.get(1), slot, "busy-second-" + slot);
        assertThat(again.statusCode()).as("the same request, sent again, books: " + again.asString()).isEqualTo(201);
        assertThat(fixtures.activeBookings(slot)).isEqualTo(2);
        fixtures.assertInvariants(slot);
    }

    private static Response book(BookingFixtures.Resident resident, long slot, String key) {
        return resident.as().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("slotId", slot))
                .post("/api/v1/me/bookings");
    }
}
