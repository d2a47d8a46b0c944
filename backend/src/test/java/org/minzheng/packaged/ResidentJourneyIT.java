package org.minzheng.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.SupplyFixtures;
import org.minzheng.testsupport.FreshRedis;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The packaged application (the jar; the native executable under -Pnative), from the outside only: an
 * administrator opens a counter, a resident signs in through WeChat (wechat-sim), proves a real name and
 * books today's slot, and counter staff check the pass in.
 */
@QuarkusIntegrationTest
@WithTestResource(FreshRedis.class)
class ResidentJourneyIT {

    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");
    static final String SERVICE = "CERTIFICATE_REPLACEMENT";

    @Test
    void aResidentBooksTodayAndIsCheckedInAtTheCounter() {
        awaitTimeLeftToday();
        Logins.Session admin = Logins.admin();
        long point = SupplyFixtures.point(admin, SERVICE);
        LocalDate today = LocalDate.now(BUREAU);
        SupplyFixtures.schedule(admin, point, everyDay(today, "00:00", "23:55", 5, 2));

        Logins.Session resident = Logins.verifiedResident("李明", TestIds.adultMale());
        List<Map<String, Object>> slots = resident.as().queryParam("serviceType", SERVICE)
                .queryParam("from", today.toString()).queryParam("to", today.toString())
                .get("/api/v1/service-points/" + point + "/slots").then().statusCode(200).extract().jsonPath().getList("$");
        LocalTime soon = LocalTime.now(BUREAU).plusMinutes(1);
        long slot = slots.stream().filter(s -> Boolean.TRUE.equals(s.get("open")))
                .filter(s -> LocalTime.parse((String) s.get("startsAt")).isAfter(soon))
                .map(s -> ((Number) s.get("id")).longValue()).findFirst().orElseThrow();

        JsonPath booking = resident.as().contentType(ContentType.JSON).header("Idempotency-Key", "journey-" + slot)
                .body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then().statusCode(201)
                .body("status", equalTo("CONFIRMED")).extract().jsonPath();
        long id = booking.getLong("id");
        assertThat(booking.getString("qrPayload")).startsWith("MZB1.");

        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(point), List.of());
        clerk.as().contentType(ContentType.JSON).body(Map.of("servicePointId", point, "code", booking.getString("qrPayload")))
                .post("/api/v1/staff/check-ins").then().statusCode(200).body("result", equalTo("CHECKED_IN"));
        resident.as().get("/api/v1/me/bookings/" + id).then().statusCode(200).body("status", equalTo("CHECKED_IN"));
        clerk.as().queryParam("date", today.toString()).get("/api/v1/staff/service-points/" + point + "/bookings")
                .then().statusCode(200).body("checkedIn", equalTo(1)).body("bookings[0].id", equalTo((int) id));
    }

    /** Slots of {@code minutes} from {@code start} to {@code end} on {@code day} only, whatever its weekday. */
    static Map<String, Object> everyDay(LocalDate day, String start, String end, int minutes, int capacity) {
        return Map.of("serviceType", SERVICE, "workdaysOnly", false, "weekdays", List.of(1, 2, 3, 4, 5, 6, 7),
                "startsAt", start, "endsAt", end, "slotMinutes", minutes, "capacity", capacity,
                "validFrom", day.toString(), "validTo", day.toString());
    }

    /** Today's last slot starts at 23:50 in Shanghai: later than that, the test waits for tomorrow. */
    private static void awaitTimeLeftToday() {
        Awaitility.await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(5))
                .until(() -> LocalTime.now(BUREAU).isBefore(LocalTime.of(23, 47)));
    }
}
