package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A request holds one pooled PostgreSQL connection at most: with a pool of one, every resident path still answers. A
 * path that opened a second session inside its transaction would wait for itself here (and, under load, for the
 * whole pool: the busy-day bench saw 30 s acquisition timeouts and a stall).
 */
@QuarkusTest
@TestProfile(OneConnectionTest.OneConnection.class)
class OneConnectionTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a brief wait for it, so BusyPoolTest (which shares this app) sees a busy pool answered in a second
            return Map.of("quarkus.datasource.reactive.max-size", "1", "quarkus.datasource.reactive.idle-timeout", "PT1M",
                    "minzheng.database.connection-wait", "1s");
        }
    }

    @Inject
    BookingFixtures fixtures;

    @Test
    void aBookingWithAKeyACancellationAndAWaitlistNeedOneConnectionEach() {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(11, 0), 1, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(2);

        var booked = residents.get(0).as().contentType(ContentType.JSON).header("Idempotency-Key", "one-connection-1")
                .body(Map.of("slotId", slot)).post("/api/v1/me/bookings");
        assertThat(booked.statusCode()).as(booked.asString()).isEqualTo(201);
        var waiting = residents.get(1).as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/waitlist");
        assertThat(waiting.statusCode()).as(waiting.asString()).isEqualTo(201);
        var cancelled = residents.get(0).as().post("/api/v1/me/bookings/" + booked.jsonPath().getLong("id") + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(200);
        assertThat(residents.get(1).as().get("/api/v1/me/messages").statusCode()).isEqualTo(200);
        fixtures.assertInvariants();
    }
}
