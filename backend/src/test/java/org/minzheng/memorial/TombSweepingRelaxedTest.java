package org.minzheng.memorial;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** With {@code off-peak=RELAXED}, the gates' weekly schedules take bookings on ordinary days too. */
@QuarkusTest
@TestProfile(TombSweepingRelaxedTest.Relaxed.class)
class TombSweepingRelaxedTest {

    public static class Relaxed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minzheng.memorial.off-peak", "RELAXED");
        }
    }

    @Inject
    BookingFixtures fixtures;

    @Test
    void ordinaryDaysRunOnTheGatesWeeklySchedules() {
        TombSweepingTest.Cemetery c = TombSweepingTest.cemetery(1);
        long gate = c.gates().get(0);
        LocalDate day = BookingFixtures.today().plusDays(3);
        Logins.admin().as().contentType(ContentType.JSON).body(Map.of("serviceType", TombSweepingTest.TYPE,
                "workdaysOnly", false, "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "startsAt", "08:00", "endsAt", "10:00",
                "slotMinutes", 60, "capacity", 5, "parkingCapacity", 1, "validFrom", BookingFixtures.today().toString()))
                .post("/api/v1/admin/service-points/" + gate + "/schedules").then().statusCode(201);
        RestAssured.given().get("/api/v1/memorial/cemeteries/" + c.id() + "/days/" + day).then().statusCode(200)
                .body("peak", equalTo(false)).body("bookingRequired", equalTo(true)).body("notice", nullValue())
                .body("gates[0].windows", hasSize(2)).body("gates[0].windows[0].capacity", equalTo(5))
                .body("gates[0].windows[0].parkingRemaining", equalTo(1));
        long slot = Long.parseLong(fixtures.strings("SELECT id FROM slot WHERE service_point_id = " + gate + " AND day = '"
                + day + "' ORDER BY starts_at").get(0));
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        TombSweepingTest.book(rs.get(0), slot, List.of(), 1, "粤B12345").then().statusCode(201);
        TombSweepingTest.book(rs.get(1), slot, List.of(), 0, "粤B54321").then().statusCode(409)
                .body("code", equalTo("PARKING_FULL"));
        // a cemetery without schedules that day still needs no booking
        TombSweepingTest.Cemetery quiet = TombSweepingTest.cemetery(1);
        RestAssured.given().get("/api/v1/memorial/cemeteries/" + quiet.id() + "/days/" + day).then().statusCode(200)
                .body("bookingRequired", equalTo(false)).body("gates[0].windows", hasSize(0));
    }
}
