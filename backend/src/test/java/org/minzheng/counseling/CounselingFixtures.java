package org.minzheng.counseling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Counseling rooms and counselors made through the admin API, sessions booked through the resident API. */
final class CounselingFixtures {

    static final String TYPE = "COUNSELING";

    /** A counselor: the record, their duty point, and their signed-in staff session. */
    record Counsel(long id, long point, Logins.Session staff) {
        io.restassured.specification.RequestSpecification as() {
            return staff.as();
        }
    }

    private CounselingFixtures() {
    }

    static long room() {
        return Logins.admin().as().contentType(ContentType.JSON).body(Map.of("kind", "COUNSELING_ROOM",
                "name", "婚姻家庭辅导室 " + UUID.randomUUID().toString().substring(0, 6), "streetCode", "NANSHAN",
                "address", "南山大道 2093 号", "latitude", 22.53, "longitude", 113.93, "serviceTypes", List.of()))
                .post("/api/v1/admin/service-points").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static Counsel counselor(long room, List<String> topics, List<String> modes, List<String> languages) {
        Logins.Session staff = Logins.newStaff(List.of("COUNSELOR"), List.of(), List.of());
        var body = Logins.admin().as().contentType(ContentType.JSON).body(Map.of("staffId", staff.id(), "name", "周律师",
                "profession", "DUTY_LAWYER", "topics", topics, "modes", modes, "languages", languages, "roomId", room))
                .post("/api/v1/admin/counseling/counselors").then().statusCode(201).extract().jsonPath();
        return new Counsel(body.getLong("id"), body.getLong("servicePointId"), staff);
    }

    static Counsel counselor(List<String> topics, List<String> modes) {
        return counselor(room(), topics, modes, List.of("MANDARIN"));
    }

    /** A released one-person session at the counselor's duty point. */
    static long session(BookingFixtures fixtures, Counsel c, LocalDate day, LocalTime start) {
        return fixtures.slot(c.point(), TYPE, day, start, 1, Instant.now().minusSeconds(60));
    }

    static ValidatableResponse book(BookingFixtures.Resident r, long slot, String topic, String mode, String description,
            Boolean discreet) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("slotId", slot, "topic", topic, "mode", mode));
        if (description != null) {
            body.put("description", description);
        }
        if (discreet != null) {
            body.put("discreet", discreet);
        }
        return r.as().contentType(ContentType.JSON).body(body).post("/api/v1/me/counseling/sessions").then();
    }
}
