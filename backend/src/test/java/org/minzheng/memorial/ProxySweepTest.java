package org.minzheng.memorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Parallel;
import org.minzheng.testsupport.LogCapture;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * 代祭扫 through the real API: the resident's request and its rules, the daily limit under parallel
 * requests, the staff's day and their record of the work, and the texts sealed at rest. The test profile
 * sets the daily limit to 5.
 */
@QuarkusTest
class ProxySweepTest {

    private static final String MINE = "/api/v1/me/memorial/proxy-sweeps";
    private static final String STAFF = "/api/v1/staff/memorial/proxy-sweeps";
    private static final String GRAVE = "3区5排12号";
    private static final String MESSAGE = "替我给父亲王建国献一束菊花。\n告诉他孙子考上大学了。";
    private static final int LIMIT = 5;

    @Inject
    BookingFixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // --- set-up -------------------------------------------------------------------------------------

    private long cemetery(String... serviceTypes) {
        return point("CEMETERY", null, true, serviceTypes);
    }

    private long point(String kind, Long site, boolean active, String... serviceTypes) {
        return fixtures.count("INSERT INTO service_point (kind, name, street_code, address, service_types, site_id, active, "
                + "created_at, updated_at) VALUES ('" + kind + "', '测试墓园 " + UUID.randomUUID().toString().substring(0, 6)
                + "', 'XILI', '西丽', ARRAY[" + quoted(serviceTypes) + "]::text[], " + site + ", " + active
                + ", now(), now()) RETURNING id");
    }

    private static String quoted(String... values) {
        return String.join(",", java.util.Arrays.stream(values).map(v -> "'" + v + "'").toList());
    }

    private BookingFixtures.Resident resident() {
        return fixtures.verifiedResidents(1).get(0);
    }

    private static LocalDate today() {
        return BookingFixtures.today();
    }

    private static Map<String, Object> body(long cemetery, LocalDate day, String grave, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("cemeteryId", cemetery);
        body.put("day", day.toString());
        body.put("graveLocation", grave);
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }

    private static ValidatableResponse request(RequestSpecification as, Map<String, Object> body) {
        return as.contentType(ContentType.JSON).body(body).post(MINE).then();
    }

    private static long requested(BookingFixtures.Resident r, long cemetery, LocalDate day) {
        return request(r.as(), body(cemetery, day, GRAVE, MESSAGE)).statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse done(Logins.Session staff, long id, Map<String, Object> body) {
        return staff.as().contentType(ContentType.JSON).body(body).post(STAFF + "/" + id + "/done").then();
    }

    private void moveTo(LocalDate day, LocalTime time) {
        clock.setTo(day.atTime(time).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    }

    private int taken(long cemetery, LocalDate day) {
        return fixtures.count("SELECT coalesce(sum(taken), 0) FROM proxy_sweep_day WHERE cemetery_id = " + cemetery
                + " AND day = '" + day + "'");
    }

    private int live(long cemetery, LocalDate day) {
        return fixtures.count("SELECT count(*) FROM proxy_sweep WHERE status <> 'CANCELLED' AND cemetery_id = " + cemetery
                + " AND day = '" + day + "'");
    }


    // --- the resident's request --------------------------------------------------------------------------

    @Test
    void aVerifiedResidentRequestsAndReadsItBack() {
        long cemetery = cemetery("PROXY_SWEEPING", "TOMB_SWEEPING");
        BookingFixtures.Resident r = resident();
        LocalDate day = today().plusDays(3);

        Response created = r.as().contentType(ContentType.JSON).body(body(cemetery, day, GRAVE, MESSAGE)).post(MINE);
        created.then().statusCode(201)
                .header("Location", endsWith(MINE + "/" + created.jsonPath().getLong("id")))
                .body("status", equalTo("REQUESTED"))
                .body("cemeteryId", equalTo((int) cemetery))
                .body("day", equalTo(day.toString()))
                .body("graveLocation", equalTo(GRAVE))
                .body("message", equalTo(MESSAGE))
                .body("note", nullValue());
        long id = created.jsonPath().getLong("id");

        r.as().get(MINE + "/" + id).then().statusCode(200).body("graveLocation", equalTo(GRAVE))
                .body("message", equalTo(MESSAGE));
        r.as().get(MINE).then().statusCode(200).body("items.id", contains((int) id));
        assertThat(taken(cemetery, day)).isEqualTo(1);

        // someone else's request does not exist for another resident
        BookingFixtures.Resident other = resident();
        other.as().get(MINE + "/" + id).then().statusCode(404).body("code", equalTo("PROXY_SWEEP_NOT_FOUND"));
        other.as().post(MINE + "/" + id + "/cancel").then().statusCode(404).body("code", equalTo("PROXY_SWEEP_NOT_FOUND"));
        other.as().get(MINE).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theTextsAreSealedAtRestAndNowhereElseInPlainText() {
        long cemetery = cemetery("PROXY_SWEEPING");
        BookingFixtures.Resident r = resident();
        long id = r.as().contentType(ContentType.JSON).header("Idempotency-Key", "sealed-" + UUID.randomUUID())
                .body(body(cemetery, today().plusDays(1), GRAVE, MESSAGE)).post(MINE).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        moveTo(today().plusDays(1), LocalTime.of(10, 0));
        Logins.Session admin = Logins.admin();
        done(admin, id, Map.of("note", "已清扫墓碑，献花三束", "photoRef", "oss:proxy/2026/1.jpg")).statusCode(200);

        for (String[] column : new String[][] { { "grave_location_enc", GRAVE }, { "message_enc", "王建国" },
                { "note_enc", "献花三束" }, { "resident_name_enc", "测试居民" } }) {
            assertThat(fixtures.count("SELECT count(*) FROM proxy_sweep WHERE id = " + id + " AND " + column[0]
                    + " IS NOT NULL AND position(convert_to('" + column[1] + "', 'UTF8') IN " + column[0] + ") = 0"))
                    .as("%s holds a ciphertext, not the text", column[0]).isEqualTo(1);
        }
        // nor in the idempotency record, the outbox or the inbox
        assertThat(fixtures.count("SELECT count(*) FROM idempotency_key WHERE actor = 'resident:" + r.id()
                + "' AND (fingerprint || coalesce(response::text, '')) LIKE '%区5排%'")).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE data::text LIKE '%区5排%' OR data::text LIKE '%王建国%'"
                + " OR data::text LIKE '%献花%'")).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM inbox_message WHERE resident_id = " + r.id())).isEqualTo(2);
    }

    @Test
    void invalidInputIsRefusedWithItsCodeAndNothingWritten() {
        long cemetery = cemetery("PROXY_SWEEPING");
        BookingFixtures.Resident r = resident();
        LocalDate day = today().plusDays(2);

        request(r.as(), body(cemetery, day, "  ", null)).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", contains("graveLocation"));
        request(r.as(), body(cemetery, day, "区".repeat(101), null)).statusCode(400)
                .body("errors[0].field", equalTo("graveLocation")).body("errors[0].code", equalTo("SIZE"));
        request(r.as(), body(cemetery, day, GRAVE, "话".repeat(501))).statusCode(400)
                .body("errors[0].field", equalTo("message")).body("errors[0].code", equalTo("SIZE"));
        request(r.as(), body(cemetery, day, "3区\n5排", null)).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("graveLocation")).body("errors[0].code", equalTo("CONTROL_CHARACTERS"))
                .body("errors[0].message", notNullValue());
        request(r.as(), body(cemetery, day, GRAVE, "献花\u001b[2J")).statusCode(400)
                .body("errors[0].field", equalTo("message")).body("errors[0].code", equalTo("CONTROL_CHARACTERS"));
        request(r.as(), body(cemetery, day, GRAVE + "\u202E", "好")).statusCode(400)
                .body("errors[0].code", equalTo("CONTROL_CHARACTERS"));
        Map<String, Object> badDay = body(cemetery, day, GRAVE, null);
        badDay.put("day", "2026-13-40");
        request(r.as(), badDay).statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        Map<String, Object> noCemetery = body(cemetery, day, GRAVE, null);
        noCemetery.remove("cemeteryId");
        request(r.as(), noCemetery).statusCode(400).body("errors.field", contains("cemeteryId"));
        r.as().contentType(ContentType.JSON).header("Idempotency-Key", "no").body(body(cemetery, day, GRAVE, null)).post(MINE)
                .then().statusCode(400).body("code", equalTo("INVALID_IDEMPOTENCY_KEY"));

        // the window: tomorrow to the horizon (60 days)
        request(r.as(), body(cemetery, today(), GRAVE, null)).statusCode(409).body("code", equalTo("OUTSIDE_REQUEST_WINDOW"));
        request(r.as(), body(cemetery, today().minusDays(1), GRAVE, null)).statusCode(409)
                .body("code", equalTo("OUTSIDE_REQUEST_WINDOW"));
        r.as().header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(body(cemetery, today().plusDays(61), GRAVE, null)).post(MINE).then().statusCode(409)
                .body("code", equalTo("OUTSIDE_REQUEST_WINDOW"))
                .body("detail", equalTo("Proxy sweeping can be requested for " + today().plusDays(1) + " to "
                        + today().plusDays(60) + "."));

        // the place: an active cemetery (not a gate, not an office) that offers proxy sweeping
        long gate = point("CEMETERY_GATE", cemetery, true, "PROXY_SWEEPING");
        long office = point("OFFICE", null, true, "PROXY_SWEEPING");
        long closed = point("CEMETERY", null, false, "PROXY_SWEEPING");
        for (long notACemetery : new long[] { gate, office, closed, 999_999_999L }) {
            request(r.as(), body(notACemetery, day, GRAVE, null)).statusCode(404).body("code", equalTo("CEMETERY_NOT_FOUND"));
        }
        request(r.as(), body(cemetery("TOMB_SWEEPING"), day, GRAVE, null)).statusCode(409)
                .body("code", equalTo("PROXY_SWEEPING_NOT_OFFERED"));

        // only verified residents
        Logins.newResident().as().contentType(ContentType.JSON).body(body(cemetery, day, GRAVE, null)).post(MINE).then()
                .statusCode(409).body("code", equalTo("IDENTITY_NOT_VERIFIED"));

        assertThat(fixtures.count("SELECT count(*) FROM proxy_sweep WHERE resident_id = " + r.id())).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM proxy_sweep_day WHERE cemetery_id = " + cemetery)).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE resident_id = " + r.id())).isZero();

        // the last day of the window is fine
        request(r.as(), body(cemetery, today().plusDays(60), GRAVE, null)).statusCode(201).body("message", nullValue());
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstRequest() {
        long cemetery = cemetery("PROXY_SWEEPING");
        BookingFixtures.Resident r = resident();
        String key = "proxy-" + UUID.randomUUID();
        Map<String, Object> body = body(cemetery, today().plusDays(5), GRAVE, MESSAGE);
        long first = r.as().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(MINE).then()
                .statusCode(201).extract().jsonPath().getLong("id");
        r.as().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(MINE).then()
                .statusCode(201).body("id", equalTo((int) first)).body("graveLocation", equalTo(GRAVE));
        r.as().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body(cemetery, today().plusDays(5), "4区1排1号", MESSAGE)).post(MINE).then()
                .statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(fixtures.count("SELECT count(*) FROM proxy_sweep WHERE resident_id = " + r.id())).isEqualTo(1);
        assertThat(taken(cemetery, today().plusDays(5))).isEqualTo(1);
    }

    @Test
    void oneLiveRequestPerResidentCemeteryAndDay() throws Exception {
        long cemetery = cemetery("PROXY_SWEEPING");
        long another = cemetery("PROXY_SWEEPING");
        BookingFixtures.Resident r = resident();
        LocalDate day = today().plusDays(4);

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> r.as().contentType(ContentType.JSON).body(body(cemetery, day, GRAVE, null)).post(MINE));
        }
        List<Response> responses = Parallel.run(6, calls);
        assertThat(responses).filteredOn(x -> x.statusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(x -> x.statusCode() == 409)
                .allSatisfy(x -> assertThat(x.jsonPath().getString("code")).isEqualTo("ALREADY_REQUESTED")).hasSize(5);
        assertThat(live(cemetery, day)).isEqualTo(1);
        assertThat(taken(cemetery, day)).isEqualTo(1);

        // another day, another cemetery: fine; after a cancellation, the same day again
        requested(r, cemetery, day.plusDays(1));
        requested(r, another, day);
        long first = responses.stream().filter(x -> x.statusCode() == 201).findFirst().orElseThrow().jsonPath().getLong("id");
        r.as().post(MINE + "/" + first + "/cancel").then().statusCode(200);
        requested(r, cemetery, day);
        assertThat(taken(cemetery, day)).isEqualTo(1);
    }

    @Test
    void theDailyLimitHoldsUnderParallelRequests() throws Exception {
        long cemetery = cemetery("PROXY_SWEEPING");
        LocalDate day = today().plusDays(7);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(20);

        List<Callable<Response>> calls = new ArrayList<>();
        for (BookingFixtures.Resident r : residents) {
            calls.add(() -> r.as().contentType(ContentType.JSON).body(body(cemetery, day, GRAVE, MESSAGE)).post(MINE));
        }
        List<Response> responses = Parallel.run(20, calls);

        assertThat(responses).filteredOn(x -> x.statusCode() == 201).hasSize(LIMIT);
        assertThat(responses).filteredOn(x -> x.statusCode() == 409)
                .allSatisfy(x -> assertThat(x.jsonPath().getString("code")).isEqualTo("PROXY_SWEEPING_FULL"))
                .hasSize(20 - LIMIT);
        assertThat(live(cemetery, day)).isEqualTo(LIMIT);
        assertThat(taken(cemetery, day)).isEqualTo(LIMIT);
        // the turned-away left nothing behind
        assertThat(fixtures.count("SELECT count(*) FROM proxy_sweep WHERE cemetery_id = " + cemetery)).isEqualTo(LIMIT);
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE template_key = 'PROXY_SWEEP_REQUESTED' AND "
                + "(data ->> 'cemeteryId')::bigint = " + cemetery)).isEqualTo(LIMIT);

        // a cancellation gives its place back, to exactly one more
        int winner = 0;
        while (responses.get(winner).statusCode() != 201) {
            winner++;
        }
        residents.get(winner).as().post(MINE + "/" + responses.get(winner).jsonPath().getLong("id") + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(taken(cemetery, day)).isEqualTo(LIMIT - 1);
        BookingFixtures.Resident late = resident();
        requested(late, cemetery, day);
        request(resident().as(), body(cemetery, day, GRAVE, null)).statusCode(409).body("code", equalTo("PROXY_SWEEPING_FULL"));
        assertThat(taken(cemetery, day)).isEqualTo(LIMIT);
        assertThat(live(cemetery, day)).isEqualTo(LIMIT);
    }

    @Test
    void cancellingGivesThePlaceBackOnlyBeforeTheDayStarts() {
        long cemetery = cemetery("PROXY_SWEEPING");
        BookingFixtures.Resident r = resident();
        LocalDate tomorrow = today().plusDays(1);
        long id = requested(r, cemetery, tomorrow);
        BookingFixtures.Resident owner = resident();
        long kept = requested(owner, cemetery, tomorrow);
        assertThat(taken(cemetery, tomorrow)).isEqualTo(2);

        moveTo(today(), LocalTime.of(23, 59, 50));
        r.as().post(MINE + "/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelledAt", notNullValue());
        r.as().post(MINE + "/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(taken(cemetery, tomorrow)).isEqualTo(1);

        // once the day has started (Asia/Shanghai), the staff may already be at work
        moveTo(tomorrow, LocalTime.of(0, 0, 5));
        owner.as().post(MINE + "/" + kept + "/cancel").then().statusCode(409).body("code", equalTo("CANCELLATION_CLOSED"));
        assertThat(taken(cemetery, tomorrow)).isEqualTo(1);

        // and a done request is not cancelled
        done(Logins.admin(), kept, Map.of()).statusCode(200);
        clock.reset();
        owner.as().post(MINE + "/" + kept + "/cancel").then().statusCode(409)
                .body("code", equalTo("PROXY_SWEEP_NOT_CANCELLABLE"));
    }

    @Test
    void residentListsArePagedNewestFirst() {
        long cemetery = cemetery("PROXY_SWEEPING");
        BookingFixtures.Resident r = resident();
        long a = requested(r, cemetery, today().plusDays(1));
        long b = requested(r, cemetery, today().plusDays(2));
        long c = requested(r, cemetery, today().plusDays(3));
        String next = r.as().queryParam("limit", 2).get(MINE).then().statusCode(200)
                .body("items.id", contains((int) c, (int) b)).body("nextCursor", notNullValue())
                .extract().jsonPath().getString("nextCursor");
        r.as().queryParam("limit", 2).queryParam("cursor", next).get(MINE).then().statusCode(200)
                .body("items.id", contains((int) a)).body("nextCursor", nullValue());
        r.as().queryParam("cursor", "nonsense").get(MINE).then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }

    // --- the staff's side --------------------------------------------------------------------------------

    @Test
    void staffSeeTheirCemeteryDayWithNamesMasked() {
        long cemetery = cemetery("PROXY_SWEEPING");
        long gate = point("CEMETERY_GATE", cemetery, true, "TOMB_SWEEPING");
        long elsewhere = cemetery("PROXY_SWEEPING");
        LocalDate day = today().plusDays(2);
        long id = requested(resident(), cemetery, day);
        long cancelled = requested(resident(), cemetery, day);
        fixtures.sql("UPDATE proxy_sweep SET status = 'CANCELLED', cancelled_at = now() WHERE id = " + cancelled);

        Logins.Session atCemetery = Logins.newStaff(List.of("COUNTER"), List.of(cemetery), List.of());
        atCemetery.as().queryParam("cemetery", cemetery).queryParam("day", day.toString()).get(STAFF).then()
                .statusCode(200)
                .body("dailyLimit", equalTo(LIMIT))
                .body("items.id", contains((int) id, (int) cancelled))
                .body("items[0].residentName", equalTo("测***"))
                .body("items[0].graveLocation", equalTo(GRAVE))
                .body("items[0].message", equalTo(MESSAGE));
        Logins.Session atGate = Logins.newStaff(List.of("COUNTER"), List.of(gate), List.of());
        atGate.as().queryParam("cemetery", cemetery).queryParam("day", day.toString()).queryParam("status", "REQUESTED")
                .get(STAFF).then().statusCode(200).body("items.id", contains((int) id));
        Logins.admin().as().queryParam("cemetery", cemetery).queryParam("day", day.toString()).get(STAFF).then()
                .statusCode(200).body("items", hasSize(2));
        // today by default: nothing yet
        atCemetery.as().queryParam("cemetery", cemetery).get(STAFF).then().statusCode(200)
                .body("day", equalTo(today().toString())).body("items", hasSize(0));

        Logins.Session other = Logins.newStaff(List.of("COUNTER"), List.of(elsewhere), List.of());
        other.as().queryParam("cemetery", cemetery).queryParam("day", day.toString()).get(STAFF).then()
                .statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        moveTo(day, LocalTime.of(9, 0));
        done(other, id, Map.of("note", "x")).statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        resident().as().queryParam("cemetery", cemetery).get(STAFF).then().statusCode(403);

        atCemetery.as().queryParam("cemetery", cemetery).queryParam("status", "LOST").get(STAFF).then()
                .statusCode(400).body("code", equalTo("INVALID_STATUS"));
        atCemetery.as().queryParam("cemetery", cemetery).queryParam("day", "tomorrow").get(STAFF).then()
                .statusCode(400).body("errors[0].field", equalTo("day"));
        atCemetery.as().get(STAFF).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));

        // reading the texts is audited
        Logins.admin().as().queryParam("subject", "proxy-sweeps:" + cemetery + ":" + day).get("/api/v1/admin/audit").then()
                .statusCode(200).body("items.action", hasItem("PROXY_SWEEPS_READ"));
    }

    @Test
    void doneOnlyOnOrAfterTheDayOnceAndTheResidentSeesTheNote() {
        long cemetery = cemetery("PROXY_SWEEPING");
        LocalDate day = today().plusDays(3);
        BookingFixtures.Resident r = resident();
        long id = requested(r, cemetery, day);
        Logins.Session clerk = Logins.newStaff(List.of("COUNTER"), List.of(cemetery), List.of());
        Map<String, Object> report = Map.of("note", "已清扫并献花。\n墓碑字迹略有褪色。", "photoRef", "oss:proxy-sweeps/2026/abc_1.jpg");

        done(clerk, id, report).statusCode(409).body("code", equalTo("PROXY_SWEEP_NOT_DUE"));
        moveTo(day.minusDays(1), LocalTime.of(23, 59));
        done(clerk, id, report).statusCode(409).body("code", equalTo("PROXY_SWEEP_NOT_DUE"));

        moveTo(day, LocalTime.of(9, 30));
        done(clerk, id, Map.of("note", "已清扫", "photoRef", "../../etc/passwd")).statusCode(400)
                .body("errors[0].field", equalTo("photoRef"));
        done(clerk, id, Map.of("note", "已清扫", "photoRef", "a b")).statusCode(400).body("errors[0].field", equalTo("photoRef"));
        done(clerk, id, Map.of("note", "已清扫\u0000")).statusCode(400)
                .body("errors[0].code", equalTo("CONTROL_CHARACTERS"));
        done(clerk, id, Map.of("note", "记".repeat(501))).statusCode(400).body("errors[0].code", equalTo("SIZE"));
        r.as().get(MINE + "/" + id).then().body("status", equalTo("REQUESTED"));

        done(clerk, id, report).statusCode(200).body("status", equalTo("DONE")).body("note", equalTo(report.get("note")))
                .body("doneBy", equalTo((int) clerk.id())).body("doneAt", notNullValue());
        // a repeat answers the same; the first report stays
        done(clerk, id, Map.of("note", "又一次")).statusCode(200).body("status", equalTo("DONE"))
                .body("note", equalTo(report.get("note")));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'PROXY_SWEEP_DONE' AND subject = 'proxy-sweep:"
                + id + "'")).isEqualTo(1);

        r.as().get(MINE + "/" + id).then().statusCode(200).body("status", equalTo("DONE"))
                .body("note", equalTo(report.get("note"))).body("photoRef", equalTo(report.get("photoRef")))
                .body("doneAt", notNullValue());

        // the inbox: asked, then done; references only
        r.as().get("/api/v1/me/messages").then().statusCode(200)
                .body("items.templateKey", contains("PROXY_SWEEP_DONE", "PROXY_SWEEP_REQUESTED"))
                .body("items[0].data.proxySweepId", equalTo((int) id))
                .body("items[0].data.status", equalTo("DONE"))
                .body("items[1].data.day", equalTo(day.toString()))
                .body("items[0].data.keySet()", org.hamcrest.Matchers.containsInAnyOrder("proxySweepId", "cemeteryId", "day",
                        "status"));

        // a cancelled request is not done
        long cancelled = requested(resident(), cemetery, day.plusDays(1));
        fixtures.sql("UPDATE proxy_sweep SET status = 'CANCELLED', cancelled_at = now() WHERE id = " + cancelled);
        moveTo(day.plusDays(1), LocalTime.of(9, 0));
        done(clerk, cancelled, Map.of()).statusCode(409).body("code", equalTo("PROXY_SWEEP_NOT_OPEN"));
        done(clerk, 999_999_999L, Map.of()).statusCode(404).body("code", equalTo("PROXY_SWEEP_NOT_FOUND"));
    }

    @Test
    void theTextsNeverReachTheLogs() {
        long cemetery = cemetery("PROXY_SWEEPING");
        String grave = "7区9排21号";
        String message = "请替我对母亲李秀兰说声想念";
        String note = "已代为转达思念之情";
        try (LogCapture log = LogCapture.open()) {
            BookingFixtures.Resident r = resident();
            long id = request(r.as(), body(cemetery, today().plusDays(1), grave, message)).statusCode(201)
                    .extract().jsonPath().getLong("id");
            request(r.as(), body(cemetery, today().plusDays(1), grave, message)).statusCode(409);
            request(r.as(), body(cemetery, today().plusDays(1), grave + "\u0007", message)).statusCode(400);
            request(r.as(), body(cemetery, today(), grave, message)).statusCode(409);
            moveTo(today().plusDays(1), LocalTime.of(10, 0));
            done(Logins.admin(), id, Map.of("note", note)).statusCode(200);
            done(Logins.admin(), id, Map.of("note", note + "\u0007")).statusCode(400);
            for (LogCapture.Line line : log.lines()) {
                String text = line.message() + (line.thrown() == null ? "" : " " + line.thrown());
                for (String secret : List.of(grave, "李秀兰", note, "测试居民")) {
                    assertThat(text).as("log line of %s", line.logger()).doesNotContain(secret);
                }
            }
        }
    }
}
