package org.minzheng.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.notify.service.OutboxRelay;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

@QuarkusTest
class InboxAndRelayTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    OutboxRelay relay;

    @Inject
    RedisDataSource redis;

    private long book(BookingFixtures.Resident r) {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 5, null);
        return r.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private int relayAll() throws Throwable {
        int total = 0;
        int moved;
        do {
            moved = VertxContextSupport.subscribeAndAwait(relay::relay);
            total += moved;
        } while (moved > 0);
        return total;
    }

    @Test
    void aBookingLeavesOneInboxMessageTheResidentCanRead() {
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(2);
        long booking = book(rs.get(0));
        var page = rs.get(0).as().get("/api/v1/me/messages").then().statusCode(200)
                .body("items", hasSize(1))
                .body("unread", equalTo(1))
                .body("items[0].templateKey", equalTo("BOOKING_CONFIRMED"))
                .body("items[0].data.bookingId", equalTo((int) booking))
                .extract().jsonPath();
        long message = page.getLong("items[0].id");
        rs.get(1).as().post("/api/v1/me/messages/" + message + "/read").then().statusCode(404)
                .body("code", equalTo("MESSAGE_NOT_FOUND"));
        rs.get(0).as().post("/api/v1/me/messages/" + message + "/read").then().statusCode(200).body("readAt", notNullValue());
        rs.get(0).as().post("/api/v1/me/messages/" + message + "/read").then().statusCode(200);
        rs.get(0).as().get("/api/v1/me/messages").then().body("unread", equalTo(0));

        rs.get(0).as().post("/api/v1/me/bookings/" + booking + "/cancel").then().statusCode(200);
        rs.get(0).as().queryParam("limit", 1).get("/api/v1/me/messages").then()
                .body("items[0].templateKey", equalTo("BOOKING_CANCELLED"))
                .body("nextCursor", notNullValue())
                .body("unread", equalTo(1));
    }

    @Test
    void theRelayMovesEachRowToTheStreamOnceEvenFromParallelReplicas() throws Throwable {
        relayAll();
        long before = redis.stream(String.class).xlen(OutboxRelay.STREAM);
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        fixtures.sql("INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at) "
                + "SELECT 'relay-test:' || g, 'TEST', " + r.id() + ", jsonb_build_object('n', g), now() "
                + "FROM generate_series(1, 700) g");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replicas.add(() -> {
                try {
                    return relayAll();
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            });
        }
        int relayed = 0;
        try {
            for (var f : pool.invokeAll(replicas)) {
                relayed += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(relayed).isEqualTo(700);
        assertThat(redis.stream(String.class).xlen(OutboxRelay.STREAM) - before).isEqualTo(700);
        List<StreamMessage<String, String, String>> entries = redis.stream(String.class).xrange(OutboxRelay.STREAM,
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        Set<String> dedupKeys = new HashSet<>();
        for (var e : entries) {
            if (e.payload().get("dedupKey").startsWith("relay-test:")) {
                assertThat(dedupKeys.add(e.payload().get("dedupKey"))).as("relayed once: %s", e.payload().get("dedupKey")).isTrue();
            }
        }
        assertThat(dedupKeys).hasSize(700);
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE relayed_at IS NULL")).isZero();
        assertThat(relayAll()).isZero();
    }

    @Test
    void consentIsCountedPerTemplate() {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        Map<String, Object> once = Map.of("accepted", List.of(Map.of("templateKey", "BOOKING_REMINDER", "always", false)));
        r.as().contentType(ContentType.JSON).body(once).post("/api/v1/me/subscriptions").then().statusCode(200);
        r.as().contentType(ContentType.JSON).body(Map.of("accepted", List.of(
                Map.of("templateKey", "BOOKING_REMINDER", "always", false),
                Map.of("templateKey", "BOOKING_CONFIRMED", "always", true))))
                .post("/api/v1/me/subscriptions").then().statusCode(200);
        r.as().get("/api/v1/me/subscriptions").then().statusCode(200)
                .body("find { it.templateKey == 'BOOKING_REMINDER' }.units", equalTo(2))
                .body("find { it.templateKey == 'BOOKING_REMINDER' }.always", equalTo(false))
                .body("find { it.templateKey == 'BOOKING_CONFIRMED' }.always", equalTo(true));
        r.as().contentType(ContentType.JSON).body(Map.of("accepted", List.of(Map.of("templateKey", "bad key"))))
                .post("/api/v1/me/subscriptions").then().statusCode(400);
    }

    @Test
    void relayedEntriesCarryTheWeChatMessageWithValuesCutToFit() throws Throwable {
        relayAll();
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        String place = "深圳市南山区西丽报恩福地公墓管理处东门第二停车场入口处";
        fixtures.sql("INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at) VALUES ('render-test:"
                + r.id() + "', 'TEST_LONG', " + r.id() + ", jsonb_build_object('place', '" + place
                + "', 'status', '已确认 OK', 'plate', '粤B D12345 6'), now()), ('inbox-only:" + r.id() + "', 'NO_TEMPLATE', "
                + r.id() + ", '{}'::jsonb, now())");
        relayAll();
        var entries = redis.stream(String.class).xrange(OutboxRelay.STREAM,
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        var rendered = entries.stream().filter(e -> e.payload().get("dedupKey").equals("render-test:" + r.id()))
                .findFirst().orElseThrow().payload().get("wechat");
        var wechat = io.restassured.path.json.JsonPath.from(rendered);
        assertThat(wechat.getString("template_id")).isEqualTo("test-long");
        assertThat(wechat.getString("data.thing1.value")).isEqualTo(place.substring(0, 20));
        assertThat(wechat.getString("data.phrase2.value")).isEqualTo("已确认");
        assertThat(wechat.getString("data.car_number3.value")).isEqualTo("粤BD12345");
        assertThat(entries.stream().filter(e -> e.payload().get("dedupKey").equals("inbox-only:" + r.id())).findFirst()
                .orElseThrow().payload()).doesNotContainKey("wechat");
    }
}
