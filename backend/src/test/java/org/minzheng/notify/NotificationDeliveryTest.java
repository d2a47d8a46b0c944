package org.minzheng.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzheng.notify.service.OutboxRelay;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.NotificationWorkers;
import org.minzheng.testsupport.TestIds;
import org.minzheng.testsupport.TestPolicies;
import org.minzheng.testsupport.WeChatSim;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The whole path of a notification against the real worker processes, PostgreSQL, Redis and wechat-sim:
 * outbox, relay, stream, consent, WeChat's errcodes, dead letters and replay, crashes and restarts.
 */
@QuarkusTest
class NotificationDeliveryTest {

    private static final List<String> SETTLED = List.of("SENT", "NO_CONSENT", "CONSENT_REVOKED", "REJECTED", "FAILED",
            "UNCONFIRMED", "INBOX_ONLY");

    @Inject
    BookingFixtures fixtures;

    @Inject
    OutboxRelay relay;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void onlyThisTestsMessages() {
        // messages other test classes left unrelayed are not this test's business
        fixtures.sql("UPDATE outbox SET relayed_at = now() WHERE relayed_at IS NULL");
        redis.key().del(OutboxRelay.STREAM, "notify:dead");
        WeChatSim.clearFaults();
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        NotificationWorkers.stopAll();
        WeChatSim.clearFaults();
    }

    @Test
    void aBookingIsDeliveredOnceWithFieldsCutToWeChatsLimitsAndKeptInTheInbox() throws Throwable {
        NotificationWorkers.start("single");
        Logins.Session r = Logins.verifiedResident("张三", TestIds.adultMale());
        consent(r, "BOOKING_CONFIRMED", false);
        consent(r, "TEST_LONG", true);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        var day = BookingFixtures.today().plusDays(3);
        long slot = fixtures.slot(point, TestPolicies.VISIT, day, LocalTime.of(9, 30), 5, null);
        JsonPath booking = r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings")
                .then().statusCode(201).extract().jsonPath();
        String dedupKey = "booking:" + booking.getLong("id") + ":CONFIRMED";
        // a cemetery name far beyond thing's 20 characters, a status phrase with Latin, a plate with spaces
        String place = "深圳市南山区民政局福田公墓第一陵园东区一号门南侧停车场入口处";
        outbox("long:" + r.id(), "TEST_LONG", r.id(),
                "jsonb_build_object('place', '" + place + "', 'status', '已确认 OK', 'plate', '粤B D12345 6')");
        relayAll();

        awaitStatus(dedupKey, "SENT");
        awaitStatus("long:" + r.id(), "SENT");
        List<Map<String, Object>> sent = sentTo(r.id());
        assertThat(sent).hasSize(2);
        JsonPath confirmed = messageWithTemplate(sent, "dev-booking-confirmed");
        assertThat(confirmed.getString("data.character_string1.value")).isEqualTo(booking.getString("reference"));
        assertThat(confirmed.getString("data.date2.value"))
                .isEqualTo(day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日");
        assertThat(confirmed.getString("data.time3.value")).isEqualTo("09:30");
        assertThat(confirmed.getString("page")).isEqualTo("pages/bookings/detail?id=" + booking.getLong("id"));
        JsonPath cut = messageWithTemplate(sent, "test-long");
        assertThat(cut.getString("data.thing1.value")).isEqualTo(place.substring(0, 20));
        assertThat(cut.getString("data.phrase2.value")).isEqualTo("已确认");
        assertThat(cut.getString("data.car_number3.value")).isEqualTo("粤BD12345");

        // one consent unit spent, the "always" one untouched; the inbox has the booking's message
        r.as().get("/api/v1/me/subscriptions").then()
                .body("find { it.templateKey == 'BOOKING_CONFIRMED' }.units", equalTo(0))
                .body("find { it.templateKey == 'TEST_LONG' }.always", equalTo(true));
        r.as().get("/api/v1/me/messages").then().body("items.findAll { it.templateKey == 'BOOKING_CONFIRMED' }", hasSize(1));
        assertThat(fixtures.count("SELECT count(*) FROM notification_delivery WHERE dedup_key = '" + dedupKey + "'"))
                .isEqualTo(1);
        awaitStreamDrained();
    }

    @Test
    void aDiscreetBookingIsNeverSentToWeChatThoughTheResidentConsentedAndStaysInTheInbox() throws Throwable {
        NotificationWorkers.start("discreet");
        Logins.Session hidden = Logins.verifiedResident("赵静", TestIds.adultFemale());
        Logins.Session open = Logins.verifiedResident("钱明", TestIds.adultMale());
        consent(hidden, "BOOKING_CONFIRMED", true);
        consent(open, "BOOKING_CONFIRMED", true);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(3), LocalTime.of(9, 30), 5, null);
        long discreet = hidden.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("discreet", true)))
                .post("/api/v1/me/bookings").then().statusCode(201).extract().jsonPath().getLong("id");
        long plain = open.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        relayAll();

        awaitStatus("booking:" + plain + ":CONFIRMED", "SENT");
        awaitStatus("booking:" + discreet + ":CONFIRMED", "INBOX_ONLY");
        assertThat(sentTo(open.id())).hasSize(1);
        assertThat(sentTo(hidden.id())).isEmpty();
        hidden.as().get("/api/v1/me/messages").then()
                .body("items.findAll { it.templateKey == 'BOOKING_CONFIRMED' && it.data.discreet == true }", hasSize(1));
        awaitStreamDrained();
    }

    @Test
    void theMarriageOfficesMessagesFitTheirWeChatTemplates() throws Throwable {
        NotificationWorkers.start("marriage");
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);
        consent(bride, "MARRIAGE_INVITATION", false);
        consent(bride, "DIVORCE_WINDOW_OPEN", false);
        long office = fixtures.servicePoint("MARRIAGE");
        long slot = fixtures.slot(office, "MARRIAGE", BookingFixtures.today().plusDays(3), LocalTime.of(10, 0), 5, null);
        long booking = groom.as().contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "partner", Map.of("name", "李小红", "idNumber", brideId)))
                .post("/api/v1/me/marriage/bookings").then().statusCode(201).extract().jsonPath().getLong("id");
        outbox("divorce:0:DIVORCE_WINDOW_OPEN:" + bride.id(), "DIVORCE_WINDOW_OPEN", bride.id(),
                "jsonb_build_object('divorceCaseId', 7, 'windowOpens', '2026-12-31', 'windowCloses', '2027-02-01')");
        relayAll();
        awaitStatus("booking:" + booking + ":PARTNER", "SENT");
        awaitStatus("divorce:0:DIVORCE_WINDOW_OPEN:" + bride.id(), "SENT");
        JsonPath invitation = messageWithTemplate(sentTo(bride.id()), "dev-marriage-invitation");
        assertThat(invitation.getString("data.time3.value")).isEqualTo("10:00");
        assertThat(invitation.getString("page")).isEqualTo("pages/marriage/invitations");
        JsonPath window = messageWithTemplate(sentTo(bride.id()), "dev-divorce-dates");
        assertThat(window.getString("data.date1.value")).isEqualTo("2026年12月31日");
        assertThat(window.getString("data.date2.value")).isEqualTo("2027年2月1日");
        assertThat(window.getString("page")).isEqualTo("pages/marriage/divorce?id=7");
    }

    @Test
    void withoutConsentNothingIsSentAndLaterConsentDoesNotResendOldMessages() throws Throwable {
        NotificationWorkers.start("no-consent");
        Logins.Session r = Logins.newResident();
        outbox("nc:" + r.id(), "BOOKING_CONFIRMED", r.id(), confirmedData("NC1"));
        relayAll();
        awaitStatus("nc:" + r.id(), "NO_CONSENT");

        consent(r, "BOOKING_CONFIRMED", true);
        // the same entry again (a relay retry) and a new message: only the new one is sent
        fixtures.sql("UPDATE outbox SET relayed_at = NULL WHERE dedup_key = 'nc:" + r.id() + "'");
        outbox("nc2:" + r.id(), "BOOKING_CONFIRMED", r.id(), confirmedData("NC2"));
        relayAll();
        awaitStatus("nc2:" + r.id(), "SENT");
        awaitStreamDrained();
        assertThat(references(r.id())).containsExactly("NC2");
        assertThat(status("nc:" + r.id())).isEqualTo("NO_CONSENT");
        assertThat(fixtures.count("SELECT count(*) FROM inbox_message WHERE resident_id = " + r.id())).isEqualTo(2);
    }

    @Test
    void eachWeChatErrcodeTakesItsPath() throws Throwable {
        NotificationWorkers.Worker worker = NotificationWorkers.start("errcodes");
        Logins.Session r = Logins.newResident();
        for (int i = 0; i < 4; i++) {
            consent(r, "BOOKING_CONFIRMED", false);
        }

        // a stale token: refreshed through stable_token and retried once, sent on the first attempt
        // (no token cached to begin with: one fetch, then the refresh)
        redis.key().del("wechat:access-token:wx-dev-minzheng");
        int tokens = WeChatSim.calls("stable_token");
        WeChatSim.fault("subscribe_send", 40001, 0, 1);
        assertThat(send(r, "E40001")).containsEntry("status", "SENT").containsEntry("attempts", "1");
        assertThat(WeChatSim.calls("stable_token")).isEqualTo(tokens + 2);

        // WeChat busy twice: retried with backoff, sent on the third and last allowed attempt
        WeChatSim.fault("subscribe_send", -1, 0, 2);
        assertThat(send(r, "EBUSY")).containsEntry("status", "SENT").containsEntry("attempts", "3");

        // WeChat hanging past the client's timeout (then failing): retried
        WeChatSim.fault("subscribe_send", -1, 1500, 1);
        assertThat(send(r, "ESLOW")).containsEntry("status", "SENT").containsEntry("attempts", "2");
        // a gateway error (HTTP 500) is WeChat unavailable: retried
        WeChatSim.httpFault("subscribe_send", 500, 1);
        assertThat(send(r, "E500")).containsEntry("status", "SENT").containsEntry("attempts", "2");
        assertThat(references(r.id())).containsExactly("E40001", "EBUSY", "ESLOW", "E500");
        consent(r, "BOOKING_CONFIRMED", false);

        // refused by WeChat as a message: no retry, the consent unit comes back
        for (int errcode : List.of(47003, 40037, 41030, 40003)) {
            int calls = WeChatSim.calls("subscribe_send");
            WeChatSim.fault("subscribe_send", errcode, 0, 1);
            assertThat(send(r, "EREF" + errcode)).containsEntry("status", "REJECTED")
                    .containsEntry("errcode", Integer.toString(errcode)).containsEntry("attempts", "1");
            assertThat(WeChatSim.calls("subscribe_send")).isEqualTo(calls + 1);
            assertThat(units(r.id())).isEqualTo(1);
        }

        // consent gone at WeChat (43101): the quota is zeroed, no retry, and the next message is not sent
        WeChatSim.fault("subscribe_send", 43101, 0, 1);
        assertThat(send(r, "E43101")).containsEntry("status", "CONSENT_REVOKED").containsEntry("attempts", "1");
        assertThat(units(r.id())).isZero();
        assertThat(send(r, "EAFTER")).containsEntry("status", "NO_CONSENT");
        assertThat(references(r.id())).containsExactly("E40001", "EBUSY", "ESLOW", "E500");
        awaitStreamDrained();
        // what operators see: EBUSY twice, ESLOW and E500 once retried; four refusals; one revoked; one without consent
        assertThat(counted(worker, "sent")).isEqualTo(4);
        assertThat(counted(worker, "retried")).isEqualTo(4);
        assertThat(counted(worker, "rejected")).isEqualTo(4);
        assertThat(counted(worker, "consent_revoked")).isEqualTo(1);
        assertThat(counted(worker, "no_consent")).isEqualTo(1);
    }

    @Test
    void aMessageStillFailingAfterEveryRetryIsDeadLetteredAndCanBeReplayed() throws Throwable {
        NotificationWorkers.Worker worker = NotificationWorkers.start("dead-letters");
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", false);
        int calls = WeChatSim.calls("subscribe_send");
        WeChatSim.fault("subscribe_send", -1, 0, 3);
        Map<String, String> failed = send(r, "DEAD1");
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("attempts", "3").containsEntry("errcode", "-1");
        assertThat(WeChatSim.calls("subscribe_send")).isEqualTo(calls + 3);
        assertThat(units(r.id())).as("the unit WeChat never took is given back").isEqualTo(1);
        assertThat(counted(worker, "failed")).isEqualTo(1);
        var dead = redis.stream(String.class).xrange("notify:dead", io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).payload()).containsEntry("dedupKey", "DEAD1:" + r.id()).containsEntry("errcode", "-1");
        assertThat(references(r.id())).isEmpty();

        long outboxId = Long.parseLong(fixtures.strings("SELECT id FROM outbox WHERE dedup_key = 'DEAD1:" + r.id() + "'").get(0));
        Logins.Session admin = Logins.admin();
        admin.as().get("/api/v1/staff/notifications?status=FAILED").then().statusCode(200)
                .body("items.find { it.id == " + outboxId + " }.attempts", equalTo(3));
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(), List.of());
        counter.as().post("/api/v1/staff/notifications/" + outboxId + "/replay").then().statusCode(403);
        admin.as().post("/api/v1/staff/notifications/" + outboxId + "/replay").then().statusCode(200)
                .body("status", equalTo("REPLAY"));
        relayAll();
        awaitStatus("DEAD1:" + r.id(), "SENT");
        assertThat(references(r.id())).containsExactly("DEAD1");
        // attempts keep counting across a replay, so a late answer to an old attempt cannot pass for the new one
        assertThat(send(r, "DEAD1", false)).containsEntry("attempts", "4");
        assertThat(redis.stream(String.class).xlen("notify:dead")).isZero();
        admin.as().post("/api/v1/staff/notifications/" + outboxId + "/replay").then().statusCode(409)
                .body("code", equalTo("NOTIFICATION_NOT_REPLAYABLE"));
        admin.as().post("/api/v1/staff/notifications/999999999/replay").then().statusCode(404)
                .body("code", equalTo("NOTIFICATION_NOT_FOUND"));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'NOTIFICATION_REPLAYED' "
                + "AND subject = 'outbox:" + outboxId + "'")).isEqualTo(1);
    }

    @Test
    void staffSeeTheDeliveryStatusOfABooking() throws Throwable {
        Logins.Session r = Logins.verifiedResident("李四", TestIds.adultFemale());
        consent(r, "BOOKING_CONFIRMED", false);
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(10, 0), 5, null);
        long booking = r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(point), List.of());
        counter.as().get("/api/v1/staff/notifications?booking=" + booking).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].templateKey", equalTo("BOOKING_CONFIRMED"))
                .body("items[0].status", equalTo("WAITING"));
        relayAll();
        counter.as().get("/api/v1/staff/notifications?booking=" + booking).then().body("items[0].status", equalTo("QUEUED"));
        NotificationWorkers.start("staff-view");
        awaitStatus("booking:" + booking + ":CONFIRMED", "SENT");
        counter.as().get("/api/v1/staff/notifications?booking=" + booking).then()
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].attempts", equalTo(1));
        counter.as().get("/api/v1/staff/notifications?status=LOST").then().statusCode(400)
                .body("code", equalTo("INVALID_STATUS"));
        r.as().get("/api/v1/staff/notifications?booking=" + booking).then().statusCode(403);
        // staff see what they serve: another point's counter does not, and lists across everything are the admin's
        Logins.newStaff(List.of("COUNTER"), List.of(fixtures.servicePoint(TestPolicies.VISIT)), List.of()).as()
                .get("/api/v1/staff/notifications?booking=" + booking).then().statusCode(403)
                .body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        counter.as().get("/api/v1/staff/notifications?status=SENT").then().statusCode(400)
                .body("code", equalTo("SUBJECT_REQUIRED"));
        counter.as().get("/api/v1/staff/notifications?booking=999999999").then().statusCode(404);
    }

    @Test
    void aWorkerKilledMidwayLosesAndDoublesNothing() throws Throwable {
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", true);
        confirmations("kill", "K", r.id(), 1000);
        relayAll();
        NotificationWorkers.Worker first = NotificationWorkers.start("doomed");
        await(() -> count("kill:%", "SENT") >= 200, Duration.ofSeconds(60));
        first.kill();
        int sentBeforeKill = count("kill:%", "SENT");
        assertThat(sentBeforeKill).as("killed midway").isLessThan(1000);

        NotificationWorkers.start("survivor");
        await(() -> fixtures.count("SELECT count(*) FROM notification_delivery WHERE dedup_key LIKE 'kill:%' "
                + "AND status IN ('SENT', 'UNCONFIRMED')") == 1000, Duration.ofSeconds(120));
        awaitStreamDrained();

        Map<String, Long> received = references(r.id()).stream()
                .collect(Collectors.groupingBy(ref -> ref, Collectors.counting()));
        assertThat(received.values()).as("no message reached WeChat twice").allMatch(n -> n == 1);
        List<String> sent = fixtures.strings("SELECT 'K' || substring(dedup_key from 6) FROM notification_delivery "
                + "WHERE dedup_key LIKE 'kill:%' AND status = 'SENT'");
        assertThat(received.keySet()).as("every message the log says SENT was received").containsAll(sent);
        // only sends in flight at the kill can be unknown: never resent, flagged for staff
        int unconfirmed = count("kill:%", "UNCONFIRMED");
        assertThat(unconfirmed).isLessThanOrEqualTo(8);
        assertThat(received).hasSizeBetween(sent.size(), sent.size() + unconfirmed);
        // the dead worker, holding nothing any more, leaves the group's list
        await(() -> !consumers().contains("doomed"), Duration.ofSeconds(30));
        assertThat(consumers()).contains("survivor");
    }

    @Test
    void aWorkerStoppedWithSigtermWhileSendingFinishesWhatItHoldsAndLosesNothing() throws Throwable {
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", true);
        confirmations("term", "T", r.id(), 300);
        relayAll();
        NotificationWorkers.Worker first = NotificationWorkers.start("terminated");
        await(() -> count("term:%", "SENT") >= 30, Duration.ofSeconds(60));
        // WeChat slows down: the worker's senders are all mid-request when SIGTERM comes
        WeChatSim.fault("subscribe_send", 0, 400, 24); // well under the tests' 1 s WeChat timeout
        int calls = WeChatSim.calls("subscribe_send");
        await(() -> WeChatSim.calls("subscribe_send") > calls, Duration.ofSeconds(10)); // a slowed send is under way
        first.stop();
        assertThat(first.exitValue()).as("a clean exit on SIGTERM, not a kill").isIn(0, 143);
        assertThat(count("term:%", "SENT")).as("stopped midway").isLessThan(300);
        assertThat(redis.execute("XPENDING", OutboxRelay.STREAM, "notification-workers", "-", "+", "1000", "terminated")
                .size()).as("the rest of its batch was not sent but left pending for another worker").isPositive();
        assertThat(fixtures.count("SELECT count(*) FROM notification_delivery WHERE dedup_key LIKE 'term:%' "
                + "AND status NOT IN ('SENT')")).as("every send in flight was finished and recorded, none left unknown")
                .isZero();

        NotificationWorkers.start("successor");
        await(() -> count("term:%", "SENT") == 300, Duration.ofSeconds(120));
        awaitStreamDrained();
        List<String> received = references(r.id());
        assertThat(received).as("every message reached WeChat exactly once").hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void aMalformedEntryIsDroppedWithoutHoldingUpTheOthers() throws Throwable {
        NotificationWorkers.start("malformed");
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", true);
        redis.stream(String.class).xadd(OutboxRelay.STREAM, Map.of("dedupKey", "broken", "templateKey", "BOOKING_CONFIRMED"));
        redis.stream(String.class).xadd(OutboxRelay.STREAM, Map.of("dedupKey", "broken-json:" + r.id(),
                "templateKey", "BOOKING_CONFIRMED", "residentId", Long.toString(r.id()), "wechat", "{not json"));
        assertThat(send(r, "AFTER")).containsEntry("status", "SENT");
        awaitStreamDrained();
        assertThat(status("broken-json:" + r.id())).as("nothing recorded, no consent spent").isNull();
        assertThat(references(r.id())).containsExactly("AFTER");
    }

    @Test
    void twoWorkersShareTheStreamWithoutDoubleSends() throws Throwable {
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", true);
        NotificationWorkers.Worker a = NotificationWorkers.start("pair-a");
        NotificationWorkers.Worker b = NotificationWorkers.start("pair-b");
        confirmations("pair", "P", r.id(), 400);
        relayAll();
        await(() -> count("pair:%", "SENT") == 400, Duration.ofSeconds(90));
        awaitStreamDrained();
        List<String> received = references(r.id());
        assertThat(received).hasSize(400).doesNotHaveDuplicates();
        assertThat(sentBy(a)).as("worker a took a share").isPositive();
        assertThat(sentBy(b)).as("worker b took a share").isPositive();
        assertThat(sentBy(a) + sentBy(b)).isEqualTo(400);
        String metrics = given().baseUri(a.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("minzheng_notify_stream_lag ", "minzheng_notify_stream_pending ");
    }

    @Test
    void aRedisRestartBetweenOutboxWriteAndRelayLosesNothing() throws Throwable {
        NotificationWorkers.start("redis-restart");
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", true);
        outbox("restart:" + r.id(), "BOOKING_CONFIRMED", r.id(), confirmedData("RS1"));
        try {
            redis.execute("SHUTDOWN");
        } catch (RuntimeException expected) {
            // the connection closes under the command
        }
        try {
            assertThat(relayOnce()).as("the relay cannot reach Redis").isNull();
            assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE dedup_key = 'restart:" + r.id()
                    + "' AND relayed_at IS NULL")).as("the row waits for the relay").isEqualTo(1);
        } finally {
            Process up = new ProcessBuilder("../scripts/services.sh", "up").inheritIO().start();
            assertThat(up.waitFor()).isZero();
        }
        await(() -> relayOnce() != null && status("restart:" + r.id()) != null, Duration.ofSeconds(60));
        awaitStatus("restart:" + r.id(), "SENT");
        assertThat(references(r.id())).containsExactly("RS1");
    }

    @Test
    void sendsArePacedToTheConfiguredRate() throws Throwable {
        Logins.Session r = Logins.newResident();
        consent(r, "BOOKING_CONFIRMED", true);
        NotificationWorkers.start("paced", Map.of("minzheng.worker.sends-per-second", "5"));
        confirmations("paced", "R", r.id(), 20);
        relayAll();
        await(() -> count("paced:%", "SENT") == 20, Duration.ofSeconds(60));
        // 20 sends at 5 per second need four one-second windows: the first and last are at least 2 s apart
        List<String> span = fixtures.strings("SELECT extract(epoch FROM max(updated_at) - min(updated_at)) "
                + "FROM notification_delivery WHERE dedup_key LIKE 'paced:%'");
        assertThat(Double.parseDouble(span.get(0))).isGreaterThanOrEqualTo(2.0);
    }

    // --- helpers ---

    private void consent(Logins.Session r, String template, boolean always) {
        r.as().contentType(ContentType.JSON)
                .body(Map.of("accepted", List.of(Map.of("templateKey", template, "always", always))))
                .post("/api/v1/me/subscriptions").then().statusCode(200);
    }

    private int units(long residentId) {
        return fixtures.count("SELECT units FROM subscription_consent WHERE resident_id = " + residentId
                + " AND template_key = 'BOOKING_CONFIRMED'");
    }

    private static String confirmedData(String reference) {
        return "jsonb_build_object('reference', '" + reference + "', 'day', '2026-12-01', 'startsAt', '09:00', 'bookingId', 1)";
    }

    /** {@code count} BOOKING_CONFIRMED messages to the resident, dedup keys {@code prefix:1..}, references {@code letter1..}. */
    private void confirmations(String prefix, String letter, long residentId, int count) {
        fixtures.sql("INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at) SELECT '" + prefix
                + ":' || g, 'BOOKING_CONFIRMED', " + residentId + ", jsonb_build_object('reference', '" + letter
                + "' || g, 'day', '2026-12-01', 'startsAt', '09:00', 'bookingId', g), now() FROM generate_series(1, "
                + count + ") g");
    }

    private void outbox(String dedupKey, String template, long residentId, String dataSql) {
        fixtures.sql("WITH o AS (INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at) VALUES ('"
                + dedupKey + "', '" + template + "', " + residentId + ", " + dataSql + ", now()) RETURNING *) "
                + "INSERT INTO inbox_message (dedup_key, template_key, resident_id, data, created_at) "
                + "SELECT dedup_key, template_key, resident_id, data, created_at FROM o");
    }

    /** Writes one BOOKING_CONFIRMED message with this reference, relays it and waits for its outcome. */
    private Map<String, String> send(Logins.Session r, String reference) throws Throwable {
        return send(r, reference, true);
    }

    private Map<String, String> send(Logins.Session r, String reference, boolean write) throws Throwable {
        String dedupKey = reference + ":" + r.id();
        if (write) {
            outbox(dedupKey, "BOOKING_CONFIRMED", r.id(), confirmedData(reference));
            relayAll();
        }
        await(() -> SETTLED.contains(String.valueOf(status(dedupKey))), Duration.ofSeconds(30));
        List<String> row = fixtures.strings("SELECT concat_ws('|', status, attempts, coalesce(errcode::text, '')) "
                + "FROM notification_delivery WHERE dedup_key = '" + dedupKey + "'");
        String[] parts = row.get(0).split("\\|", -1);
        return Map.of("status", parts[0], "attempts", parts[1], "errcode", parts[2]);
    }

    private void relayAll() throws Throwable {
        while (VertxContextSupport.subscribeAndAwait(relay::relay) > 0) {
            // next batch
        }
    }

    /** One relay batch, or null when Redis is unreachable. */
    private Integer relayOnce() {
        try {
            return VertxContextSupport.subscribeAndAwait(relay::relay);
        } catch (Throwable t) {
            return null;
        }
    }

    private String status(String dedupKey) {
        List<String> s = fixtures.strings("SELECT status FROM notification_delivery WHERE dedup_key = '" + dedupKey + "'");
        return s.isEmpty() ? null : s.get(0);
    }

    private int count(String dedupPattern, String status) {
        return fixtures.count("SELECT count(*) FROM notification_delivery WHERE dedup_key LIKE '" + dedupPattern
                + "' AND status = '" + status + "'");
    }

    private void awaitStatus(String dedupKey, String expected) {
        await(() -> SETTLED.contains(String.valueOf(status(dedupKey))), Duration.ofSeconds(30));
        assertThat(status(dedupKey)).as(dedupKey).isEqualTo(expected);
    }

    /** Every entry settled: acked and deleted, none pending. */
    private void awaitStreamDrained() {
        await(() -> redis.stream(String.class).xlen(OutboxRelay.STREAM) == 0, Duration.ofSeconds(30));
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    private String consumers() {
        return redis.execute("XINFO", "CONSUMERS", OutboxRelay.STREAM, "notification-workers").toString();
    }

    private String openid(long residentId) {
        return fixtures.strings("SELECT openid FROM resident WHERE id = " + residentId).get(0);
    }

    private List<Map<String, Object>> sentTo(long residentId) {
        return given().baseUri(WeChatSim.url()).queryParam("touser", openid(residentId)).get("/sim/messages").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    /** The booking references WeChat received for a resident, in order. */
    private List<String> references(long residentId) {
        return sentTo(residentId).stream()
                .map(m -> JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(m).toString())
                        .getString("data.character_string1.value"))
                .toList();
    }

    private static JsonPath messageWithTemplate(List<Map<String, Object>> sent, String templateId) {
        Map<String, Object> message = sent.stream().filter(m -> templateId.equals(m.get("template_id"))).findFirst()
                .orElseThrow();
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(message).toString());
    }

    private static int sentBy(NotificationWorkers.Worker worker) {
        return counted(worker, "sent");
    }

    /** A worker's count of one outcome, as Prometheus scrapes it. */
    private static int counted(NotificationWorkers.Worker worker, String outcome) {
        String metrics = given().baseUri(worker.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("minzheng_notify_messages_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
