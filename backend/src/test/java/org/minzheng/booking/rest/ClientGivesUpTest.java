package org.minzheng.booking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.ServicesEnv;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A resident whose phone gives up waiting (the connection closed while the booking waits inside the backend) still
 * gets the booking they asked for, whole, and the backend keeps every pooled connection: work on the database is not
 * abandoned half way when the client goes. Abandoning it left connections "idle in transaction" and, once the pool
 * was used up, the backend answered nothing (the busy-day bench's stall).
 */
@QuarkusTest
@TestProfile(ClientGivesUpTest.TwoConnections.class)
class ClientGivesUpTest {

    /** Fewer connections than requests: some wait inside on the slot's lock, the rest for a connection. */
    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // and no shedding (503) of the four waiting for a connection, however slow the machine
            return Map.of("quarkus.datasource.reactive.max-size", "2", "quarkus.datasource.reactive.idle-timeout", "PT1M",
                    "minzheng.database.connection-wait", "60s");
        }
    }

    private static final int GIVING_UP = 6;

    @Inject
    BookingFixtures fixtures;

    @TestHTTPResource("/")
    URL backend;

    @Test
    void bookingsWhoseClientsCloseTheConnectionAreFinishedWholeAndThePoolIsKept() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(10, 0), 20, null);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(GIVING_UP + 1);

        List<Socket> phones = new ArrayList<>();
        try (Connection lock = ServicesEnv.connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT booked FROM slot WHERE id = " + slot + " FOR UPDATE");
            }
            for (int i = 0; i < GIVING_UP; i++) {
                phones.add(sendBooking(residents.get(i), slot, "gives-up-" + slot + "-" + i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingOnTheLock() == 2);
            for (Socket phone : phones) {
                phone.close();
            }
            // the two inside stay inside, on the lock, whatever the closed connections set off
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingOnTheLock() == 2);
            lock.rollback();
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> fixtures.activeBookings(slot) == GIVING_UP);
        var later = residents.get(GIVING_UP).as().contentType(ContentType.JSON).body(Map.of("slotId", slot))
                .post("/api/v1/me/bookings");
        assertThat(later.statusCode()).as("the next resident books: no connection was lost. " + later.asString()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> ServicesEnv.count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'")
                == 0);
        assertThat(fixtures.activeBookings(slot)).as("every booking asked for, and the next one").isEqualTo(GIVING_UP + 1);
        for (BookingFixtures.Resident r : residents) {
            assertThat(r.as().get("/api/v1/me/messages").jsonPath().getList("items")).as("told of the booking").hasSize(1);
        }
        fixtures.assertInvariants(slot);
    }

    private Socket sendBooking(BookingFixtures.Resident resident, long slot, String key) throws IOException {
        String body = "{\"slotId\":" + slot + "}";
        String request = "POST /api/v1/me/bookings HTTP/1.1\r\nHost: " + backend.getHost() + "\r\nAuthorization: Bearer "
                + resident.token() + "\r\nIdempotency-Key: " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        Socket socket = new Socket(backend.getHost(), backend.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    private static int waitingOnTheLock() {
        return ServicesEnv.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()");
    }
}
