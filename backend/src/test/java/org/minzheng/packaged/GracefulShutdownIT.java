package org.minzheng.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.SupplyFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.PackagedBackend;
import org.minzheng.testsupport.ServicesEnv;
import org.minzheng.testsupport.TestIds;

import io.restassured.RestAssured;

/**
 * SIGTERM, as Kubernetes sends it on a rolling update, in the middle of a burst of bookings: every request
 * the backend took is finished and answered, the ones after it are turned away, and nothing is lost or
 * half-written.
 */
class GracefulShutdownIT {

    /** Under the backend's 20 database connections: every booking of the burst waits on the lock, none for a connection. */
    private static final int IN_FLIGHT = 16;
    private static final int LATE = 8;

    private PackagedBackend backend;

    @AfterEach
    void cleanUp() throws InterruptedException {
        RestAssured.reset();
        if (backend != null) {
            backend.kill();
        }
    }

    /** What one booking request came to: its HTTP status, -1 when nothing listened, -2 when the answer never came. */
    /** {@code retryAfter}: the header, when the answer had one. */
    record Outcome(long resident, int status, String body, String retryAfter) {
    }

    @Test
    void sigtermDuringABurstOfBookingsFinishesEveryRequestInFlightAndLosesNothing() throws Exception {
        backend = PackagedBackend.start("sigterm", Map.of());
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = backend.port();
        long slot = slotTomorrow(IN_FLIGHT + LATE);
        List<Logins.Session> residents = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT + LATE; i++) {
            residents.add(Logins.verifiedResident("测试居民", TestIds.adultMale()));
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT + LATE);
        try (Connection lock = ServicesEnv.connect()) {
            // the slot's row locked here: the burst's bookings get inside the backend and wait there, in
            // flight, until this transaction ends
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT booked FROM slot WHERE id = " + slot + " FOR UPDATE");
            }
            List<Future<Outcome>> inFlight = new ArrayList<>();
            for (Logins.Session r : residents.subList(0, IN_FLIGHT)) {
                inFlight.add(pool.submit(() -> book(http, r, slot)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> ServicesEnv.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                    == IN_FLIGHT);
            backend.terminate();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> shuttingDown(http));
            List<Future<Outcome>> late = new ArrayList<>();
            for (Logins.Session r : residents.subList(IN_FLIGHT, IN_FLIGHT + LATE)) {
                late.add(pool.submit(() -> book(http, r, slot)));
            }
            List<Outcome> turnedAway = results(late);
            assertThat(turnedAway).as("once shutting down, requests are refused (503) or find no listener, never taken")
                    .allMatch(o -> o.status() == 503 && o.body().contains("\"code\":\"SHUTTING_DOWN\"")
                            && "1".equals(o.retryAfter()) || o.status() == -1,
                            "503 SHUTTING_DOWN with Retry-After: 1 (try another replica), or no listener");
            assertThat(inFlight).as("the burst is still waiting, in flight").noneMatch(Future::isDone);
            lock.rollback();

            List<Outcome> answered = results(inFlight);
            assertThat(answered).as("every booking in flight at SIGTERM was finished and answered")
                    .allMatch(o -> o.status() == 201, "201 Created");
            assertThat(backend.awaitExit(Duration.ofSeconds(40))).as("a clean exit on SIGTERM").isIn(0, 143);
        } finally {
            pool.shutdownNow();
        }

        String bookers = residents.subList(0, IN_FLIGHT).stream().map(r -> Long.toString(r.id()))
                .collect(Collectors.joining(","));
        String all = residents.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(","));
        assertThat(ServicesEnv.count("SELECT count(*) FROM booking WHERE slot_id = " + slot
                + " AND status = 'CONFIRMED' AND resident_id IN (" + bookers + ")")).as("every answered booking is kept")
                .isEqualTo(IN_FLIGHT);
        assertThat(ServicesEnv.count("SELECT count(*) FROM booking WHERE resident_id IN (" + all + ")"))
                .as("no booking for anyone turned away").isEqualTo(IN_FLIGHT);
        assertThat(ServicesEnv.count("SELECT booked FROM slot WHERE id = " + slot)).as("the slot's count")
                .isEqualTo(IN_FLIGHT);
        assertThat(ServicesEnv.count("SELECT count(*) FROM outbox o JOIN booking b ON o.dedup_key = 'booking:' || b.id "
                + "|| ':CONFIRMED' WHERE b.slot_id = " + slot)).as("one confirmation message each").isEqualTo(IN_FLIGHT);
        String remaining = ServicesEnv.redis("GET", "slot:" + slot + ":remaining");
        assertThat(remaining).as("Redis' count agrees with PostgreSQL's").isEqualTo(Integer.toString(LATE));
    }

    /** The backend answers 503 (shutting down) or no longer listens. */
    private static boolean shuttingDown(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/health/live"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 503;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Outcome book(HttpClient http, Logins.Session r, long slot) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/me/bookings")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + r.accessToken()).header("Content-Type", "application/json")
                .header("Idempotency-Key", "sigterm-" + r.id())
                .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":" + slot + "}")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.id(), response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (ConnectException e) {
            return new Outcome(r.id(), -1, e.toString(), null);
        } catch (IOException e) {
            return new Outcome(r.id(), -2, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(r.id(), -2, e.toString(), null);
        }
    }

    private static List<Outcome> results(List<Future<Outcome>> futures) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        return outcomes;
    }

    /** A point with one slot tomorrow, made by the administrator through the API. */
    private static long slotTomorrow(int capacity) {
        Logins.Session admin = Logins.admin();
        long point = SupplyFixtures.point(admin, ResidentJourneyIT.SERVICE);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        SupplyFixtures.schedule(admin, point, ResidentJourneyIT.everyDay(tomorrow, "09:00", "09:30", 30, capacity));
        return admin.as().queryParam("serviceType", ResidentJourneyIT.SERVICE).queryParam("from", tomorrow.toString())
                .queryParam("to", tomorrow.toString()).get("/api/v1/service-points/" + point + "/slots").then()
                .statusCode(200).extract().jsonPath().getLong("[0].id");
    }
}
