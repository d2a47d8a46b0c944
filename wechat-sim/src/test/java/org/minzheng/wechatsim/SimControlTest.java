package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SimControlTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void callsAreCountedPerApiWhateverTheOutcome() {
        Sim.accessToken();
        Sim.accessToken();
        Sim.jscode2session("not-a-code");
        Sim.fault(Map.of("api", "jscode2session", "errcode", -1));
        Sim.jscode2session("dev-alice");

        assertEquals(2, Sim.calls("stable_token"));
        assertEquals(2, Sim.calls("jscode2session"));
        assertEquals(0, Sim.calls("token"));
        given().get("/sim/calls").then().statusCode(200)
                .body("stable_token", equalTo(2)).body("jscode2session", equalTo(2))
                .body("token", equalTo(0)).body("getuserphonenumber", equalTo(0)).body("subscribe_send", equalTo(0));
        given().queryParam("api", "nope").get("/sim/calls").then().statusCode(400);
    }

    @Test
    void resetForgetsEverything() {
        String token = Sim.accessToken();
        String alice = Sim.openidOf("alice");
        Sim.jscode2session("dev-bob");
        Sim.sendSubscribe(token, Map.of("touser", alice, "template_id", Sim.THING_TEMPLATE,
                "data", Map.of("thing1", Map.of("value", "x"))));
        Sim.fault(Map.of("api", "*", "errcode", -1, "times", 10));
        Sim.advanceClock(60);

        Sim.reset();

        given().get("/sim/messages").then().body("", hasSize(0));
        given().get("/sim/clock").then().body("offsetSeconds", equalTo(0));
        assertEquals(0, Sim.calls("stable_token"));
        // no fault left, and the used code is new again
        assertNull(Sim.jscode2session("dev-bob").get("errcode"));
        assertEquals(40001, Sim.phoneNumber(token, "phone-13800138000").getInt("errcode"));
        String fresh = Sim.accessToken();
        assertEquals(40003, Sim.sendSubscribe(fresh, Map.of("touser", alice, "template_id", Sim.THING_TEMPLATE,
                "data", Map.of("thing1", Map.of("value", "x")))).getInt("errcode"));
        assertEquals(1_000_000_001L, Sim.sendSubscribe(fresh, Map.of("touser", Sim.openidOf("alice"),
                "template_id", Sim.THING_TEMPLATE, "data", Map.of("thing1", Map.of("value", "x")))).getLong("msgid"));
    }

    @Test
    void clockMovesForwardOnly() {
        Instant before = Instant.parse(given().get("/sim/clock").then().statusCode(200).extract().path("now"));

        var moved = Sim.post("/sim/clock", Map.of("advanceSeconds", 3600));

        assertEquals(3600, moved.getLong("offsetSeconds"));
        Instant after = Instant.parse(moved.getString("now"));
        assertTrue(Duration.between(before, after).toSeconds() >= 3600, before + " -> " + after);
        given().contentType(ContentType.JSON).body(Map.of("advanceSeconds", -1)).post("/sim/clock")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of()).post("/sim/clock").then().statusCode(400);
    }

    @Test
    void wxLoginIssuesFreshCodesForValidNamesOnly() {
        String first = Sim.wxLogin("alice").getString("code");
        String second = Sim.wxLogin("alice").getString("code");

        assertTrue(first.startsWith("dev-alice."), first);
        assertNotEquals(first, second, "each call gives a fresh code");
        for (String name : new String[] { "", "al.ice", "a b", "x".repeat(41) }) {
            given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/sim/wx-login")
                    .then().statusCode(400).body("error", notNullValue());
        }
        given().contentType(ContentType.JSON).post("/sim/wx-login").then().statusCode(400);
    }
}
