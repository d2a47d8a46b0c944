package org.minzheng.counseling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.counseling.CounselingFixtures.Counsel;
import org.minzheng.notify.service.OutboxRelay;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.Parallel;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Counselors, the finder, booking a session, and who may read what a resident wrote. */
@QuarkusTest
class CounselingTest {

    private static final List<String> MANDARIN = List.of("MANDARIN");

    @Inject
    BookingFixtures fixtures;

    @Inject
    OutboxRelay relay;

    @Inject
    RedisDataSource redis;

    /** The finder's answer, only for these counselors (other tests' counselors share the table). */
    private static List<Map<String, Object>> options(Map<String, Object> query, Counsel... mine) {
        List<Long> ids = java.util.Arrays.stream(mine).map(Counsel::id).toList();
        List<Map<String, Object>> all = RestAssured.given().queryParams(query).get("/api/v1/counseling/options").then()
                .statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(o -> ids.contains(((Number) ((Map<?, ?>) o.get("counselor")).get("id")).longValue())).toList();
    }

    private static long counselorOf(Map<String, Object> option) {
        return ((Number) ((Map<?, ?>) option.get("counselor")).get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> slotsOf(Map<String, Object> option) {
        return ((List<Map<String, Object>>) option.get("sessions")).stream().map(s -> ((Number) s.get("slotId")).longValue()).toList();
    }

    @Test
    void dutySchedulesBecomeSessionsThatTheFinderListsSoonestFirstGroupedByCounselorAndFiltered() {
        Counsel lawyer = CounselingFixtures.counselor(CounselingFixtures.room(), List.of("INHERITANCE", "CUSTODY"),
                List.of("IN_PERSON", "VIDEO"), MANDARIN);
        Counsel counselor = CounselingFixtures.counselor(CounselingFixtures.room(), List.of("DOMESTIC_VIOLENCE", "CUSTODY"),
                List.of("PHONE"), List.of("CANTONESE", "MANDARIN"));
        LocalDate day = BookingFixtures.today().plusDays(5);
        // the lawyer's duty: a weekly schedule on their duty point, every day 14:00-17:00 in hours
        Logins.admin().as().contentType(ContentType.JSON).body(Map.of("serviceType", "COUNSELING", "workdaysOnly", false,
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "startsAt", "14:00", "endsAt", "17:00", "slotMinutes", 60,
                "capacity", 1, "validFrom", BookingFixtures.today().toString()))
                .post("/api/v1/admin/service-points/" + lawyer.point() + "/schedules").then().statusCode(201);
        assertThat(fixtures.count("SELECT count(*) FROM slot WHERE service_point_id = " + lawyer.point() + " AND day = '" + day
                + "' AND service_type = 'COUNSELING'")).isEqualTo(3);
        long early = CounselingFixtures.session(fixtures, counselor, day, LocalTime.of(9, 0));
        long late = CounselingFixtures.session(fixtures, counselor, day, LocalTime.of(18, 0));
        Map<String, Object> thatDay = Map.of("from", day.toString(), "to", day.toString());

        List<Map<String, Object>> both = options(thatDay, lawyer, counselor);
        assertThat(both).extracting(CounselingTest::counselorOf).containsExactly(counselor.id(), lawyer.id());
        assertThat(slotsOf(both.get(0))).containsExactly(early, late);
        assertThat(slotsOf(both.get(1))).hasSize(3);
        JsonPath card = JsonPath.from(RestAssured.given().queryParams(thatDay).get("/api/v1/counseling/options").asString());
        String lawyerCard = "find { it.counselor.id == " + lawyer.id() + " }.counselor";
        assertThat(card.getString(lawyerCard + ".profession")).isEqualTo("DUTY_LAWYER");
        assertThat(card.getList(lawyerCard + ".modes")).containsExactly("IN_PERSON", "VIDEO");
        assertThat(card.getString(lawyerCard + ".room.address")).isEqualTo("南山大道 2093 号");

        Map<String, Object> inheritance = new java.util.HashMap<>(thatDay);
        inheritance.put("topic", "INHERITANCE");
        assertThat(options(inheritance, lawyer, counselor)).extracting(CounselingTest::counselorOf).containsExactly(lawyer.id());
        Map<String, Object> byPhone = new java.util.HashMap<>(thatDay);
        byPhone.put("mode", "PHONE");
        assertThat(options(byPhone, lawyer, counselor)).extracting(CounselingTest::counselorOf).containsExactly(counselor.id());
        Map<String, Object> cantonese = new java.util.HashMap<>(thatDay);
        cantonese.put("language", "CANTONESE");
        assertThat(options(cantonese, lawyer, counselor)).extracting(CounselingTest::counselorOf).containsExactly(counselor.id());
        Map<String, Object> custodyInPerson = new java.util.HashMap<>(thatDay);
        custodyInPerson.putAll(Map.of("topic", "CUSTODY", "mode", "IN_PERSON"));
        assertThat(options(custodyInPerson, lawyer, counselor)).extracting(CounselingTest::counselorOf).containsExactly(lawyer.id());
        // the day before has none of these; a bad filter is a clear 400
        assertThat(options(Map.of("from", day.minusDays(1).toString(), "to", day.minusDays(1).toString()), lawyer, counselor))
                .allSatisfy(o -> assertThat(slotsOf(o)).doesNotContain(early, late));
        RestAssured.given().queryParam("topic", "ASTROLOGY").get("/api/v1/counseling/options").then().statusCode(400);
        RestAssured.given().queryParams(Map.of("from", day.toString(), "to", day.minusDays(1).toString()))
                .get("/api/v1/counseling/options").then().statusCode(400).body("code", equalTo("INVALID_DATE_RANGE"));

        // booked full, closed, not yet released or past the booking cut-off: gone from the finder
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        CounselingFixtures.book(r, early, "CUSTODY", "PHONE", null, null).statusCode(201);
        assertThat(slotsOf(options(thatDay, counselor).get(0))).containsExactly(late);
        fixtures.sql("UPDATE slot SET release_at = now() + interval '1 day' WHERE id = " + late);
        assertThat(options(thatDay, counselor)).isEmpty();
        var inNinetyMinutes = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusMinutes(90);
        long soon = fixtures.slot(counselor.point(), "COUNSELING", inNinetyMinutes.toLocalDate(),
                inNinetyMinutes.toLocalTime().withSecond(0).withNano(0), 1, null);
        long inThreeHours = fixtures.slot(counselor.point(), "COUNSELING", inNinetyMinutes.plusMinutes(90).toLocalDate(),
                inNinetyMinutes.plusMinutes(90).toLocalTime().withSecond(0).withNano(0), 1, null);
        assertThat(options(Map.of(), counselor)).flatExtracting(CounselingTest::slotsOf).contains(inThreeHours).doesNotContain(soon);
        // a counselor who can no longer sign in to record sessions is not offered, nor bookable
        CounselingFixtures.book(r, late, "CUSTODY", "PHONE", null, null).statusCode(409).body("code", equalTo("NOT_YET_OPEN"));
        fixtures.sql("UPDATE slot SET release_at = NULL WHERE id = " + late);
        Logins.admin().as().post("/api/v1/admin/staff/" + counselor.staff().id() + "/disable").then().statusCode(200);
        assertThat(options(thatDay, counselor)).isEmpty();
        BookingFixtures.Resident other = fixtures.verifiedResidents(1).get(0);
        CounselingFixtures.book(other, late, "CUSTODY", "PHONE", null, null).statusCode(404);
        Logins.admin().as().post("/api/v1/admin/staff/" + counselor.staff().id() + "/enable").then().statusCode(200);
        assertThat(slotsOf(options(thatDay, counselor).get(0))).containsExactly(late);
        // a deactivated counselor's sessions go with them
        Logins.admin().as().contentType(ContentType.JSON).body(Map.of("name", "周律师", "profession", "DUTY_LAWYER",
                "topics", List.of("INHERITANCE"), "modes", List.of("VIDEO"), "languages", MANDARIN, "active", false))
                .put("/api/v1/admin/counseling/counselors/" + lawyer.id()).then().statusCode(200).body("active", equalTo(false));
        assertThat(options(thatDay, lawyer)).isEmpty();
    }

    @Test
    void theFinderShowsAFewSessionsPerCounselorAndReadsOnlyOpenSlots() {
        Counsel c = CounselingFixtures.counselor(List.of("OTHER"), List.of("VIDEO"));
        LocalDate day = BookingFixtures.today().plusDays(6);
        for (int hour = 8; hour < 16; hour++) {
            CounselingFixtures.session(fixtures, c, day, LocalTime.of(hour, 0));
        }
        assertThat(slotsOf(options(Map.of("from", day.toString(), "to", day.toString()), c).get(0))).hasSize(5);
        String plan = fixtures.planPreferringIndexOrder("""
                SELECT id FROM slot WHERE service_type = 'COUNSELING' AND NOT closed AND booked < capacity
                AND day BETWEEN CURRENT_DATE AND CURRENT_DATE + 14 ORDER BY day, starts_at""");
        assertThat(plan).contains("slot_counseling_open");
    }

    @Test
    void aSessionIsForOneselfOnWhatTheCounselorOffersAndOneUpcomingAtATime() throws Exception {
        Counsel c = CounselingFixtures.counselor(List.of("DIVORCE"), List.of("IN_PERSON"));
        LocalDate day = BookingFixtures.today().plusDays(4);
        long slot = CounselingFixtures.session(fixtures, c, day, LocalTime.of(10, 0));
        long other = CounselingFixtures.session(fixtures, c, day, LocalTime.of(11, 0));
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);

        CounselingFixtures.book(r, slot, "INHERITANCE", "IN_PERSON", null, null).statusCode(422)
                .body("code", equalTo("TOPIC_NOT_OFFERED"));
        CounselingFixtures.book(r, slot, "DIVORCE", "PHONE", null, null).statusCode(422).body("code", equalTo("MODE_NOT_OFFERED"));
        long dependant = fixtures.dependant(r.id(), "卯母", org.minzheng.testsupport.TestIds.adultFemale());
        r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "self", false, "dependantIds", List.of(dependant),
                "details", Map.of("topic", "DIVORCE", "mode", "IN_PERSON", "discreet", false))).post("/api/v1/me/bookings").then().statusCode(422)
                .body("code", equalTo("COUNSELING_FOR_ONESELF"));
        r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("topic", "DIVORCE", "mode",
                "IN_PERSON", "story", "anything"))).post("/api/v1/me/bookings").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_DETAIL"));
        r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("mode", "IN_PERSON")))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("TOPIC_REQUIRED"));
        // through the generic endpoint the choice about WeChat messages must be made, not defaulted
        r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("topic", "DIVORCE", "mode", "IN_PERSON")))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("DISCREET_REQUIRED"));
        r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("topic", "DIVORCE", "mode", "IN_PERSON",
                "discreet", "yes"))).post("/api/v1/me/bookings").then().statusCode(400).body("errors[0].field", equalTo("details.discreet"));
        long marriage = fixtures.slot(fixtures.servicePoint("MARRIAGE"), "MARRIAGE", day, LocalTime.of(9, 0), 5, null);
        CounselingFixtures.book(r, marriage, "DIVORCE", "IN_PERSON", null, null).statusCode(404);
        assertThat(fixtures.activeBookingsOf(r.id())).isZero();

        CounselingFixtures.book(r, slot, "DIVORCE", "IN_PERSON", null, null).statusCode(201);
        CounselingFixtures.book(r, other, "DIVORCE", "IN_PERSON", null, null).statusCode(409).body("code", equalTo("ALREADY_BOOKED"));

        // six people for the last session of the day: one gets it
        long last = CounselingFixtures.session(fixtures, c, day, LocalTime.of(16, 0));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (BookingFixtures.Resident p : fixtures.verifiedResidents(6)) {
            calls.add(() -> CounselingFixtures.book(p, last, "DIVORCE", "IN_PERSON", "想咨询离婚财产分割", null).extract().statusCode());
        }
        assertThat(Parallel.run(6, calls)).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        fixtures.assertInvariants(slot, other, last);
    }

    @Test
    void whatTheResidentWritesIsSealedAndReadOnlyByTheirCounselorWithEachReadAudited() {
        Counsel c = CounselingFixtures.counselor(List.of("DOMESTIC_VIOLENCE"), List.of("IN_PERSON", "PHONE"));
        Counsel another = CounselingFixtures.counselor(List.of("DOMESTIC_VIOLENCE"), List.of("PHONE"));
        LocalDate day = BookingFixtures.today().plusDays(3);
        long slot = CounselingFixtures.session(fixtures, c, day, LocalTime.of(10, 0));
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        String words = "丈夫酗酒后常动手，孩子害怕回家";
        String script = "<script>document.title='pwned'</script>";
        String description = words + "\n" + script;

        CounselingFixtures.book(r, slot, "DOMESTIC_VIOLENCE", "IN_PERSON", "第一行\u0007响铃", null).statusCode(400)
                .body("errors[0].code", equalTo("CONTROL_CHARACTERS"));
        CounselingFixtures.book(r, slot, "DOMESTIC_VIOLENCE", "IN_PERSON", "\u202E反向", null).statusCode(400);
        CounselingFixtures.book(r, slot, "DOMESTIC_VIOLENCE", "IN_PERSON", "字".repeat(501), null).statusCode(400);
        assertThat(fixtures.activeBookingsOf(r.id())).isZero();

        var booked = r.as().contentType(ContentType.JSON).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body(Map.of("slotId", slot, "topic", "DOMESTIC_VIOLENCE", "mode", "IN_PERSON", "description", description))
                .post("/api/v1/me/counseling/sessions").then().statusCode(201)
                .body("description", equalTo(description)).body("discreet", equalTo(true))
                .body("counselor.id", equalTo((int) c.id())).body("topic", equalTo("DOMESTIC_VIOLENCE"));
        // the same text to a JSON reader, but no markup a page could run
        assertThat(booked.extract().asString()).doesNotContain("<script>").contains("\\u003Cscript\\u003E");
        long id = booked.extract().jsonPath().getLong("booking.id");
        r.as().get("/api/v1/me/counseling/sessions/" + id).then().statusCode(200).body("description", equalTo(description));

        // at rest: nowhere in plain text
        assertThat(fixtures.count("SELECT count(*) FROM idempotency_key WHERE actor = 'resident:" + r.id() + "'")).isEqualTo(1);
        for (String table : List.of("booking", "booking_person", "outbox", "inbox_message", "audit_log", "idempotency_key")) {
            assertThat(fixtures.count("SELECT count(*) FROM " + table + " t WHERE position('酗酒' IN CAST(row_to_json(t) AS text)) > 0"
                    + " OR position(convert_to('酗酒', 'UTF8') IN convert_to(CAST(row_to_json(t) AS text), 'UTF8')) > 0"))
                    .as(table).isZero();
        }
        assertThat(fixtures.count("SELECT count(*) FROM booking WHERE id = " + id + " AND sealed_details IS NOT NULL"
                + " AND position(convert_to('酗酒', 'UTF8') IN sealed_details) = 0")).isEqualTo(1);

        // the counselor reads it, and that read is in the audit log
        int before = fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'COUNSELING_SESSION_READ' AND subject = 'booking:"
                + id + "' AND actor_id = '" + c.staff().id() + "'");
        c.as().get("/api/v1/staff/counseling/sessions/" + id).then().statusCode(200).body("description", equalTo(description))
                .body("session.resident", equalTo("测***")).body("residentPhone", nullValue());
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'COUNSELING_SESSION_READ' AND subject = 'booking:"
                + id + "' AND actor_id = '" + c.staff().id() + "'")).isEqualTo(before + 1);
        c.as().queryParam("date", day.toString()).get("/api/v1/staff/counseling/sessions").then().statusCode(200)
                .body("sessions", hasSize(1)).body("sessions[0].described", equalTo(true))
                .body(not(containsString("酗酒")));
        c.as().contentType(ContentType.JSON).body(Map.of("notes", "来访者情绪稳定，已告知庇护所信息"))
                .put("/api/v1/staff/counseling/sessions/" + id + "/notes").then().statusCode(200)
                .body("notes", equalTo("来访者情绪稳定，已告知庇护所信息"));
        assertThat(fixtures.count("SELECT count(*) FROM counseling_session WHERE booking_id = " + id
                + " AND position(convert_to('庇护所', 'UTF8') IN notes_enc) = 0")).isEqualTo(1);
        r.as().get("/api/v1/me/counseling/sessions/" + id).then().statusCode(200).body(not(containsString("庇护所")));

        // nobody else: another counselor (not found), a clerk even at that very point, an administrator (forbidden)
        another.as().get("/api/v1/staff/counseling/sessions/" + id).then().statusCode(404);
        another.as().contentType(ContentType.JSON).body(Map.of("notes", "x")).put("/api/v1/staff/counseling/sessions/" + id + "/notes")
                .then().statusCode(404);
        another.as().queryParam("date", day.toString()).get("/api/v1/staff/counseling/sessions").then().statusCode(200)
                .body("sessions", hasSize(0));
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(c.point()), List.of());
        clerk.as().get("/api/v1/staff/counseling/sessions/" + id).then().statusCode(403);
        Logins.Session admin = Logins.admin();
        admin.as().get("/api/v1/staff/counseling/sessions/" + id).then().statusCode(403);
        // nor as bookings: the counter desk of the counselor's own point neither lists nor handles the session
        String reference = fixtures.strings("SELECT reference FROM booking WHERE id = " + id).get(0);
        for (Logins.Session staff : List.of(clerk, admin)) {
            staff.as().queryParam("date", day.toString()).get("/api/v1/staff/service-points/" + c.point() + "/bookings").then()
                    .statusCode(200).body("bookings", hasSize(0)).body(not(containsString("DOMESTIC_VIOLENCE")));
            staff.as().post("/api/v1/staff/bookings/" + id + "/no-show").then().statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE"));
            staff.as().contentType(ContentType.JSON).body(Map.of("servicePointId", c.point(), "code", reference))
                    .post("/api/v1/staff/check-ins").then().statusCode(403);
            staff.as().queryParam("booking", id).get("/api/v1/staff/notifications").then().statusCode(403);
        }
        c.as().queryParam("date", day.toString()).get("/api/v1/staff/counseling/sessions").then().statusCode(200)
                .body("sessions", hasSize(1));
    }

    @Test
    void aPhoneSessionGivesItsCounselorTheNumberToCall() {
        Counsel c = CounselingFixtures.counselor(List.of("CUSTODY"), List.of("PHONE"));
        long slot = CounselingFixtures.session(fixtures, c, BookingFixtures.today().plusDays(2), LocalTime.of(15, 0));
        Logins.Session resident = Logins.verifiedResident("黄晓", org.minzheng.testsupport.TestIds.adultFemale());
        resident.as().contentType(ContentType.JSON).body(Map.of("code", org.minzheng.testsupport.WeChatSim.phoneCode("13912345678")))
                .post("/api/v1/me/phone").then().statusCode(200);
        long id = resident.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "topic", "CUSTODY", "mode", "PHONE"))
                .post("/api/v1/me/counseling/sessions").then().statusCode(201).body("discreet", equalTo(false))
                .extract().jsonPath().getLong("booking.id");
        c.as().get("/api/v1/staff/counseling/sessions/" + id).then().statusCode(200).body("residentPhone", equalTo("13912345678"))
                .body("session.resident", equalTo("黄*")).body("session.mode", equalTo("PHONE"));
    }

    @Test
    void aDiscreetSessionsMessagesStayInTheInboxAndNeverBecomeWeChatMessages() throws Throwable {
        Counsel c = CounselingFixtures.counselor(List.of("DOMESTIC_VIOLENCE", "DIVORCE"), List.of("PHONE"));
        LocalDate day = BookingFixtures.today().plusDays(2);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        // domestic violence: discreet unless the resident asks otherwise; other topics: only when asked
        long discreetByDefault = CounselingFixtures.book(rs.get(0), CounselingFixtures.session(fixtures, c, day, LocalTime.of(9, 0)),
                "DOMESTIC_VIOLENCE", "PHONE", null, null).statusCode(201).extract().jsonPath().getLong("booking.id");
        long asked = CounselingFixtures.book(rs.get(1), CounselingFixtures.session(fixtures, c, day, LocalTime.of(10, 0)),
                "DIVORCE", "PHONE", null, true).statusCode(201).extract().jsonPath().getLong("booking.id");
        long open = CounselingFixtures.book(rs.get(2), CounselingFixtures.session(fixtures, c, day, LocalTime.of(11, 0)),
                "DOMESTIC_VIOLENCE", "PHONE", null, false).statusCode(201).extract().jsonPath().getLong("booking.id");
        rs.get(0).as().post("/api/v1/me/bookings/" + discreetByDefault + "/cancel").then().statusCode(200);

        while (io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(relay::relay) > 0) {
            // drain
        }
        var entries = redis.stream(String.class).xrange(OutboxRelay.STREAM, StreamRange.of("-", "+"));
        for (String key : List.of("booking:" + discreetByDefault + ":CONFIRMED", "booking:" + discreetByDefault + ":CANCELLED",
                "booking:" + asked + ":CONFIRMED")) {
            assertThat(entries.stream().filter(e -> e.payload().get("dedupKey").equals(key)).findFirst().orElseThrow().payload())
                    .as(key).doesNotContainKey("wechat");
        }
        assertThat(entries.stream().filter(e -> e.payload().get("dedupKey").equals("booking:" + open + ":CONFIRMED")).findFirst()
                .orElseThrow().payload()).containsKey("wechat");
        // the inbox has them, marked for a neutral title
        rs.get(0).as().get("/api/v1/me/messages").then().statusCode(200)
                .body("items.findAll { it.data.bookingId == " + discreetByDefault + " }", hasSize(2))
                .body("items.findAll { it.data.bookingId == " + discreetByDefault + " && it.data.discreet == true }", hasSize(2));
        rs.get(2).as().get("/api/v1/me/messages").then().statusCode(200)
                .body("items.find { it.data.bookingId == " + open + " }.data.discreet", nullValue());
    }
}
