package org.minzheng.counseling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.counseling.CounselingFixtures.Counsel;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.Parallel;
import org.minzheng.testsupport.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The counselor's side of a session (held, missed, notes, a video link) and the resident's rating of it. */
@QuarkusTest
class CounselingSessionsTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * A released session starting {@code hours} from now, on whatever day that is; no later than 23:29, so its
     * 30 minutes end that day (the sessions asked for here are an hour or more apart, and three or more ahead).
     */
    private long sessionIn(Counsel c, int hours) {
        ZonedDateTime start = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusHours(hours);
        LocalTime time = start.toLocalTime().withSecond(0).withNano(0);
        LocalTime latest = LocalTime.of(23, 29);
        return CounselingFixtures.session(fixtures, c, start.toLocalDate(), time.isAfter(latest) ? latest : time);
    }

    private static long booked(BookingFixtures.Resident r, long slot, String mode) {
        return CounselingFixtures.book(r, slot, "FAMILY_CONFLICT", mode, "婆媳矛盾，想请老师调解", null).statusCode(201)
                .extract().jsonPath().getLong("booking.id");
    }

    private static io.restassured.response.ValidatableResponse rate(BookingFixtures.Resident r, long id, int rating, String comment) {
        return r.as().contentType(ContentType.JSON).body(comment == null ? Map.of("rating", rating) : Map.of("rating", rating, "comment", comment))
                .post("/api/v1/me/counseling/sessions/" + id + "/feedback").then();
    }

    @Test
    void aHeldSessionIsRatedOnceAMissedOneNeverAndTheFiguresCountThemWithoutAWordOfText() throws Exception {
        Counsel c = CounselingFixtures.counselor(List.of("FAMILY_CONFLICT"), List.of("IN_PERSON", "VIDEO"));
        Counsel another = CounselingFixtures.counselor(List.of("FAMILY_CONFLICT"), List.of("VIDEO"));
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(c.point()), List.of());
        Logins.Session admin = Logins.admin();
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        long held = booked(rs.get(0), sessionIn(c, 3), "IN_PERSON");
        long missed = booked(rs.get(1), sessionIn(c, 4), "VIDEO");
        long raced = booked(rs.get(2), sessionIn(c, 5), "IN_PERSON");

        // before its time a session is neither held nor missed, and cannot be rated
        c.as().post("/api/v1/staff/counseling/sessions/" + held + "/held").then().statusCode(409).body("code", equalTo("TOO_EARLY"));
        c.as().post("/api/v1/staff/counseling/sessions/" + missed + "/no-show").then().statusCode(409)
                .body("code", equalTo("TOO_EARLY_FOR_NO_SHOW"));
        rate(rs.get(0), held, 5, null).statusCode(409).body("code", equalTo("SESSION_NOT_HELD"));

        clock.advance(Duration.ofHours(6));
        another.as().post("/api/v1/staff/counseling/sessions/" + held + "/held").then().statusCode(404);
        clerk.as().post("/api/v1/staff/counseling/sessions/" + held + "/held").then().statusCode(403);
        c.as().post("/api/v1/staff/counseling/sessions/" + held + "/held").then().statusCode(200).body("status", equalTo("COMPLETED"));
        c.as().post("/api/v1/staff/counseling/sessions/" + held + "/held").then().statusCode(200).body("status", equalTo("COMPLETED"));
        c.as().post("/api/v1/staff/counseling/sessions/" + missed + "/no-show").then().statusCode(200).body("status", equalTo("NO_SHOW"));
        c.as().post("/api/v1/staff/counseling/sessions/" + raced + "/held").then().statusCode(200);

        rate(rs.get(1), missed, 1, "根本没人接").statusCode(409).body("code", equalTo("SESSION_NOT_HELD"));
        rate(rs.get(0), held, 6, null).statusCode(400);
        rate(rs.get(0), held, 4, "老师很耐心\n但时间太短").statusCode(200).body("feedback.rating", equalTo(4))
                .body("feedback.comment", equalTo("老师很耐心\n但时间太短"));
        rate(rs.get(0), held, 5, null).statusCode(409).body("code", equalTo("FEEDBACK_ALREADY_GIVEN"));
        rate(rs.get(1), held, 5, null).statusCode(404); // someone else's session
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int stars = 1 + i % 2;
            calls.add(() -> rate(rs.get(2), raced, stars, null).extract().statusCode());
        }
        assertThat(Parallel.run(6, calls)).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(fixtures.count("SELECT count(*) FROM counseling_feedback WHERE booking_id = " + raced)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM counseling_feedback WHERE booking_id = " + held
                + " AND comment_enc IS NOT NULL AND position(convert_to('耐心', 'UTF8') IN comment_enc) = 0")).isEqualTo(1);
        int racedStars = fixtures.count("SELECT rating FROM counseling_feedback WHERE booking_id = " + raced);

        // the counselor sees their own average; administrators every counselor's numbers, and nothing written
        JsonPath me = c.as().get("/api/v1/staff/counseling/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getLong("counselor.id")).isEqualTo(c.id());
        assertThat(me.getInt("figures.held")).isEqualTo(2);
        assertThat(me.getInt("figures.noShows")).isEqualTo(1);
        assertThat(me.getInt("figures.ratings")).isEqualTo(2);
        assertThat(me.getDouble("figures.averageRating")).isEqualTo((4 + racedStars) / 2.0);
        another.as().get("/api/v1/staff/counseling/me").then().statusCode(200).body("figures.ratings", equalTo(0))
                .body("figures.averageRating", nullValue());
        admin.as().get("/api/v1/staff/counseling/me").then().statusCode(403);
        String today = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toLocalDate().toString();
        var figures = admin.as().queryParam("to", today).get("/api/v1/admin/counseling/statistics").then().statusCode(200)
                .body(not(containsString("耐心"))).body(not(containsString("婆媳"))).extract().jsonPath();
        String mine = "find { it.counselorId == " + c.id() + " }";
        assertThat(figures.getInt(mine + ".booked")).isEqualTo(3);
        assertThat(figures.getInt(mine + ".held")).isEqualTo(2);
        assertThat(figures.getInt(mine + ".noShows")).isEqualTo(1);
        assertThat(figures.getDouble(mine + ".noShowRate")).isEqualTo(0.333);
        assertThat(figures.getInt(mine + ".ratings")).isEqualTo(2);
        clerk.as().get("/api/v1/admin/counseling/statistics").then().statusCode(403);

        // a no-show recorded by mistake is corrected by recording the session held; then it may be rated
        c.as().post("/api/v1/staff/counseling/sessions/" + missed + "/held").then().statusCode(200).body("status", equalTo("COMPLETED"));
        rate(rs.get(1), missed, 3, null).statusCode(200);
    }

    @Test
    void missedSessionsNeverSuspendAResidentAndAnEndedOneLetsThemBookTheNext() {
        Counsel c = CounselingFixtures.counselor(List.of("FAMILY_CONFLICT"), List.of("PHONE"));
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        for (int i = 0; i < 3; i++) {
            // each session three hours after "now", which moves four hours on each time
            long id = booked(r, sessionIn(c, 4 * i + 3), "PHONE");
            clock.advance(Duration.ofHours(4));
            c.as().post("/api/v1/staff/counseling/sessions/" + id + "/no-show").then().statusCode(200);
        }
        long fourth = booked(r, sessionIn(c, 15), "PHONE");
        CounselingFixtures.book(r, sessionIn(c, 16), "FAMILY_CONFLICT", "PHONE", null, null).statusCode(409)
                .body("code", equalTo("ALREADY_BOOKED"));
        clock.advance(Duration.ofHours(4));
        c.as().post("/api/v1/staff/counseling/sessions/" + fourth + "/held").then().statusCode(200);
        booked(r, sessionIn(c, 19), "PHONE");
        assertThat(fixtures.activeBookingsOf(r.id())).isEqualTo(1);
    }

    @Test
    void aVideoSessionsLinkIsGivenByItsCounselorAndReadByItsResident() {
        Counsel c = CounselingFixtures.counselor(List.of("FAMILY_CONFLICT"), List.of("IN_PERSON", "VIDEO"));
        Counsel another = CounselingFixtures.counselor(List.of("FAMILY_CONFLICT"), List.of("VIDEO"));
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long video = booked(rs.get(0), sessionIn(c, 30), "VIDEO");
        long inPerson = booked(rs.get(1), sessionIn(c, 31), "IN_PERSON");
        String link = "https://meeting.example.org/j/8812345?pwd=Xk29";
        String path = "/api/v1/staff/counseling/sessions/" + video + "/meeting-link";

        for (String bad : List.of("http://meeting.example.org/j/1", "javascript:alert(1)", "https://", "https://user:pw@example.org/",
                "https://example.org/\u0000")) {
            assertThat(c.as().contentType(ContentType.JSON).body(Map.of("meetingLink", bad)).put(path).statusCode()).as(bad).isEqualTo(400);
        }
        c.as().contentType(ContentType.JSON).body(Map.of("meetingLink", link))
                .put("/api/v1/staff/counseling/sessions/" + inPerson + "/meeting-link").then().statusCode(409)
                .body("code", equalTo("NOT_A_VIDEO_SESSION"));
        another.as().contentType(ContentType.JSON).body(Map.of("meetingLink", link)).put(path).then().statusCode(404);
        rs.get(0).as().get("/api/v1/me/counseling/sessions/" + video).then().statusCode(200).body("meetingLink", nullValue());

        for (int i = 0; i < 2; i++) { // a retry tells the resident nothing new
            c.as().contentType(ContentType.JSON).body(Map.of("meetingLink", link)).put(path).then().statusCode(200)
                    .body("meetingLink", equalTo(link)).body("session.meetingLinkSet", equalTo(true));
        }
        rs.get(0).as().get("/api/v1/me/counseling/sessions/" + video).then().statusCode(200).body("meetingLink", equalTo(link));
        rs.get(1).as().get("/api/v1/me/counseling/sessions/" + video).then().statusCode(404);
        // the resident is told it is there; the link itself stays out of messages and plain columns
        rs.get(0).as().get("/api/v1/me/messages").then().statusCode(200)
                .body("items.findAll { it.templateKey == 'COUNSELING_MEETING_LINK' && it.data.bookingId == " + video + " }", hasSize(1))
                .body(not(containsString("8812345")));
        assertThat(fixtures.count("SELECT count(*) FROM counseling_session WHERE booking_id = " + video
                + " AND position(convert_to('8812345', 'UTF8') IN meeting_link_enc) = 0")).isEqualTo(1);
        for (String table : List.of("outbox", "inbox_message", "audit_log")) {
            assertThat(fixtures.count("SELECT count(*) FROM " + table + " t WHERE position('8812345' IN CAST(row_to_json(t) AS text)) > 0"))
                    .as(table).isZero();
        }

        // once the session is over there is nothing to join
        clock.advance(Duration.ofHours(31));
        c.as().contentType(ContentType.JSON).body(Map.of("meetingLink", link + "&again")).put(path).then().statusCode(409)
                .body("code", equalTo("SESSION_NOT_UPCOMING"));
        clock.reset();
        rs.get(0).as().post("/api/v1/me/bookings/" + video + "/cancel").then().statusCode(200);
        c.as().contentType(ContentType.JSON).body(Map.of("meetingLink", link)).put(path).then().statusCode(409)
                .body("code", equalTo("SESSION_NOT_UPCOMING"));
        c.as().contentType(ContentType.JSON).body(Map.of("notes", "已取消")).put("/api/v1/staff/counseling/sessions/" + video + "/notes")
                .then().statusCode(409).body("code", equalTo("SESSION_CANCELLED"));
    }

    @Test
    void onlyAStaffMemberWithTheCounselorRoleBecomesACounselorInACounselingRoomAndOnlyOnce() {
        Logins.Session admin = Logins.admin();
        long room = CounselingFixtures.room();
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(), List.of());
        Logins.Session counselor = Logins.newStaff(List.of("COUNSELOR"), List.of(), List.of());
        long office = fixtures.servicePoint("MARRIAGE");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "林老师", "profession", "FAMILY_COUNSELOR",
                "topics", List.of("MARRIAGE_PREPARATION"), "modes", List.of("IN_PERSON"), "languages", List.of("CANTONESE")));
        body.putAll(Map.of("staffId", clerk.id(), "roomId", room));
        admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then().statusCode(400)
                .body("errors[0].code", equalTo("NOT_A_COUNSELOR"));
        body.putAll(Map.of("staffId", counselor.id(), "roomId", office));
        admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then().statusCode(400)
                .body("errors[0].code", equalTo("NOT_A_COUNSELING_ROOM"));
        body.put("roomId", room);
        body.put("name", "林老师\u202E");
        admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then().statusCode(400)
                .body("errors[0].code", equalTo("CONTROL_CHARACTERS"));
        body.put("name", "林老师");
        body.put("topics", List.of("ASTROLOGY"));
        admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then().statusCode(400);
        body.put("topics", List.of("MARRIAGE_PREPARATION"));
        clerk.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then().statusCode(403);
        int points = fixtures.count("SELECT count(*) FROM service_point");
        JsonPath made = admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then()
                .statusCode(201).extract().jsonPath();
        long duty = made.getLong("servicePointId");
        assertThat(fixtures.strings("SELECT kind || ' ' || site_id || ' ' || array_to_string(service_types, ',') FROM service_point WHERE id = "
                + duty)).containsExactly("COUNSELOR_DUTY " + room + " COUNSELING");
        admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/counseling/counselors").then().statusCode(409)
                .body("code", equalTo("ALREADY_A_COUNSELOR"));
        assertThat(fixtures.count("SELECT count(*) FROM service_point")).isEqualTo(points + 1); // the refused one left nothing
        admin.as().get("/api/v1/admin/counseling/counselors/" + made.getLong("id")).then().statusCode(200)
                .body("languages[0]", equalTo("CANTONESE"));
        // a clerk has no counselor's desk
        clerk.as().get("/api/v1/staff/counseling/sessions").then().statusCode(403);
    }
}
