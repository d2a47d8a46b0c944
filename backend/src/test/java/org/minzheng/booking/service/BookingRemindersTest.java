package org.minzheng.booking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

@QuarkusTest
class BookingRemindersTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    BookingReminders reminders;

    @Test
    void oneReminderPerConfirmedBookingHoweverOftenTheJobRuns() throws Throwable {
        LocalDate day = BookingFixtures.today().plusDays(7);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(10, 0), 10, null);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        List<Long> bookings = new ArrayList<>();
        for (BookingFixtures.Resident r : rs) {
            // the second asks for discretion: its reminder stays in the inbox too
            Map<String, Object> details = r == rs.get(1) ? Map.of("discreet", true) : Map.of();
            bookings.add(r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", details))
                    .post("/api/v1/me/bookings").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        rs.get(2).as().post("/api/v1/me/bookings/" + bookings.get(2) + "/cancel").then().statusCode(200);

        // two replicas at once, then a third run later
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> reminders.remindOf(day));
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            });
        }
        try {
            for (var f : pool.invokeAll(runs)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(VertxContextSupport.<Integer> subscribeAndAwait(() -> reminders.remindOf(day))).isZero();

        assertThat(fixtures.queryOutbox(bookings.get(0))).containsExactly("BOOKING_CONFIRMED", "BOOKING_REMINDER");
        assertThat(fixtures.queryOutbox(bookings.get(1))).containsExactly("BOOKING_CONFIRMED", "BOOKING_REMINDER");
        assertThat(fixtures.queryOutbox(bookings.get(2))).containsExactly("BOOKING_CONFIRMED", "BOOKING_CANCELLED");
        assertThat(fixtures.count("SELECT count(*) FROM inbox_message WHERE template_key = 'BOOKING_REMINDER' AND resident_id = "
                + rs.get(0).id())).isEqualTo(1);
        assertThat(fixtures.strings("SELECT coalesce(data ->> 'discreet', 'no') FROM outbox WHERE template_key = 'BOOKING_REMINDER'"
                + " AND (dedup_key LIKE 'booking:" + bookings.get(0) + ":%' OR dedup_key LIKE 'booking:" + bookings.get(1)
                + ":%') ORDER BY id")).containsExactly("no", "true");
    }
}
