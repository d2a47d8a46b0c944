package org.minzheng.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestApplicationTypes;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The administrators' dashboard counts a day's bookings per service and the casework waiting, and names nobody. */
@QuarkusTest
class DashboardTest {

    private static final String TYPE = "TEST_DASHBOARD";

    @Inject
    BookingFixtures fixtures;

    @Test
    void aDaysBookingsPerServiceTheNoShowRateAndPendingApplicationsPastTheirTime() {
        // a service type of its own, so other tests' bookings do not count here; bookings written as the engine does
        long point = fixtures.servicePoint(TYPE);
        // a day of its own, far out, so other tests' bookings do not count in the day's rate
        var day = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(200 + new java.util.Random().nextInt(400));
        long slot = fixtures.slot(point, TYPE, day, LocalTime.of(9, 0), 10, null);
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        for (String status : List.of("CONFIRMED", "COMPLETED", "NO_SHOW", "NO_SHOW", "CANCELLED")) {
            fixtures.sql("INSERT INTO booking (reference, resident_id, slot_id, service_type, service_point_id, day, units, status,"
                    + " details, created_at, updated_at) VALUES ('D" + java.util.UUID.randomUUID().toString().substring(0, 7).toUpperCase()
                    + "', " + r.id() + ", " + slot + ", '" + TYPE + "', " + point + ", '" + day + "', 1, '" + status + "', '{}', now(), now())");
        }
        fixtures.sql("UPDATE slot SET booked = 4 WHERE id = " + slot); // what those four hold, as the engine would
        fixtures.assertInvariants(slot);
        long late = r.as().contentType(ContentType.JSON).body(Map.of("type", TestApplicationTypes.RELIEF, "streetCode", "DASHBOARD",
                "form", Map.of("householdSize", 3))).post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        r.as().contentType(ContentType.JSON).body(Map.of("version", 0)).post("/api/v1/me/applications/" + late + "/actions/submit")
                .then().statusCode(200);
        fixtures.sql("UPDATE application SET due_at = now() - interval '1 day' WHERE id = " + late);

        JsonPath d = Logins.admin().as().queryParam("date", day.toString()).get("/api/v1/admin/dashboard").then().statusCode(200)
                .extract().jsonPath();
        String mine = "bookings.find { it.serviceType == '" + TYPE + "' }";
        assertThat(d.getInt(mine + ".booked")).isEqualTo(4);
        assertThat(d.getInt(mine + ".checkedIn")).isEqualTo(1);
        assertThat(d.getInt(mine + ".noShow")).isEqualTo(2);
        assertThat(d.getInt(mine + ".cancelled")).isEqualTo(1);
        assertThat(d.getDouble("noShowRate")).isEqualTo(0.667);
        String pending = "pendingApplications.find { it.type == 'TEST_RELIEF' && it.status == 'SUBMITTED' }";
        assertThat(d.getInt(pending + ".overdue")).isGreaterThanOrEqualTo(1);
        assertThat(d.getLong("slaBreaches")).isGreaterThanOrEqualTo(1);
        // decided ones are not pending
        assertThat(d.getList("pendingApplications.status")).doesNotContain("APPROVED", "REJECTED", "WITHDRAWN");

        Logins.newStaff(List.of("COUNTER"), List.of(point), List.of()).as().get("/api/v1/admin/dashboard").then().statusCode(403);
    }
}
