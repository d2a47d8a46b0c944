package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.service.SlotCounterReconciler;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.ProxiedProfile;
import org.minzheng.testsupport.ProxiedServices;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Redis is the fast path, not the truth: without it bookings still hold every invariant. */
@QuarkusTest
@TestProfile(ProxiedProfile.class)
class BookingWithoutRedisTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    SlotCounterReconciler reconciler;

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @AfterEach
    void restore() {
        ProxiedServices.redis().restore();
    }

    private static int book(BookingFixtures.Resident r, long slot) {
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").statusCode();
    }

    @Test
    void redisDiesMidFloodAndTheCountersAreRebuiltAfter() throws Throwable {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 15, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(42);

        // two bookings through the gate: Redis now has a counter for the slot
        assertThat(book(residents.get(0), slot)).isEqualTo(201);
        assertThat(book(residents.get(1), slot)).isEqualTo(201);
        assertThat(fixtures.redisRemaining(slot)).isEqualTo(13);

        ProxiedServices.redis().cut();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (BookingFixtures.Resident r : residents.subList(2, residents.size())) {
                calls.add(() -> book(r, slot));
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(13);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(27);
        assertThat(fixtures.booked(slot)).isEqualTo(15);
        assertThat(fixtures.activeBookings(slot)).isEqualTo(15);

        // Redis returns with a stale counter (13): the next gate call notices the recovery and rebuilds
        ProxiedServices.redis().restore();
        assertThat(fixtures.redisRemaining(slot)).isEqualTo(13);
        assertThat(book(fixtures.verifiedResidents(1).get(0), slot)).isEqualTo(409);
        assertThat(fixtures.redisRemaining(slot)).isZero();

        // and the periodic reconciliation repairs any drift
        redis.value(String.class).set("slot:" + slot + ":remaining", "7");
        VertxContextSupport.subscribeAndAwait(reconciler::reconcile);
        assertThat(fixtures.redisRemaining(slot)).isZero();
        fixtures.assertInvariants();
    }
}
