package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class FaultsTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void faultAnswersItsErrcodeForTheGivenNumberOfCalls() {
        Sim.fault(Map.of("api", "stable_token", "errcode", 45011, "times", 2));

        for (int i = 0; i < 2; i++) {
            JsonPath answer = Sim.stableToken(false);
            assertEquals(45011, answer.getInt("errcode"));
            assertEquals("api minute-quota reach limit mustslower retry next minute", answer.getString("errmsg"));
        }
        assertNull(Sim.stableToken(false).get("errcode"));
    }

    @Test
    void faultHitsOnlyItsApi() {
        Sim.fault(Map.of("api", "token", "errcode", -1));

        assertNull(Sim.stableToken(false).get("errcode"));
        JsonPath answer = given().queryParam("grant_type", "client_credential").queryParam("appid", Sim.APPID)
                .queryParam("secret", Sim.SECRET).get("/cgi-bin/token").then().extract().jsonPath();
        assertEquals(-1, answer.getInt("errcode"));
        assertEquals("system error", answer.getString("errmsg"));
    }

    @Test
    void faultsOfAnApiApplyInTheOrderQueued() {
        String token = Sim.accessToken();
        Sim.fault(Map.of("api", "getuserphonenumber", "errcode", 40226));
        Sim.fault(Map.of("api", "*", "errcode", 42001));
        Sim.fault(Map.of("api", "getuserphonenumber", "errcode", 47003, "errmsg", "argument invalid! data.code"));

        assertEquals("high risk user", Sim.phoneNumber(token, "phone-13800138000.a").getString("errmsg"));
        assertEquals("access_token expired", Sim.phoneNumber(token, "phone-13800138000.b").getString("errmsg"));
        JsonPath third = Sim.phoneNumber(token, "phone-13800138000.c");
        assertEquals(47003, third.getInt("errcode"));
        assertEquals("argument invalid! data.code", third.getString("errmsg"));
        assertEquals(0, Sim.phoneNumber(token, "phone-13800138000.d").getInt("errcode"));
    }

    @Test
    void wildcardFaultHitsAnyApi() {
        Sim.fault(Map.of("api", "*", "errcode", 40001, "times", 2));

        assertEquals(40001, Sim.stableToken(false).getInt("errcode"));
        assertEquals(40001, Sim.jscode2session("dev-alice").getInt("errcode"));
        assertNull(Sim.jscode2session("dev-alice").get("errcode"));
    }

    @Test
    void faultDoesNotUseUpTheCode() {
        Sim.fault(Map.of("api", "jscode2session", "errcode", 45011));

        assertEquals(45011, Sim.jscode2session("dev-alice").getInt("errcode"));
        assertNull(Sim.jscode2session("dev-alice").get("errcode"));
    }

    @Test
    void subscribeSendFaultsUseWechatTexts() {
        String token = Sim.accessToken();
        String alice = Sim.openidOf("alice");
        Sim.fault(Map.of("api", "subscribe_send", "errcode", 43101));
        Map<String, Object> message = Map.of("touser", alice, "template_id", Sim.THING_TEMPLATE,
                "data", Map.of("thing1", Map.of("value", "x")));

        JsonPath refused = Sim.sendSubscribe(token, message);

        assertEquals(43101, refused.getInt("errcode"));
        assertEquals("user refuse to accept the msg", refused.getString("errmsg"));
        given().get("/sim/messages").then().body("size()", equalTo(0));
        assertEquals(0, Sim.sendSubscribe(token, message).getInt("errcode"));
    }

    @Test
    void delayWithoutErrcodeAnswersNormallyLate() {
        Sim.fault(Map.of("api", "stable_token", "delayMs", 400));

        long start = System.nanoTime();
        JsonPath answer = Sim.stableToken(false);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertNull(answer.get("errcode"));
        assertTrue(tookMs >= 400, "took " + tookMs + " ms");
        long second = System.nanoTime();
        Sim.stableToken(false);
        assertTrue((System.nanoTime() - second) / 1_000_000 < 400, "the delay was used up");
    }

    @Test
    void httpFaultAnswersItsStatusWithAnHtmlPageThenNormally() {
        String token = Sim.accessToken();
        String alice = Sim.openidOf("alice");
        Map<String, Object> message = Sim.message(alice, Sim.THING_TEMPLATE, Map.of("thing1", "x"));
        Sim.fault(Map.of("api", "subscribe_send", "httpStatus", 502, "times", 2));

        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).queryParam("access_token", token).body(message)
                    .post("/cgi-bin/message/subscribe/send").then().statusCode(502).contentType(ContentType.HTML)
                    .body(containsString("<h1>502 Bad Gateway</h1>"));
        }
        assertEquals(0, Sim.sendSubscribe(token, message).getInt("errcode"));
        given().get("/sim/messages").then().body("size()", equalTo(1));
        assertEquals(3, Sim.calls("subscribe_send"));
    }

    @Test
    void httpFaultWorksOnEveryApiAfterItsDelay() {
        Sim.fault(Map.of("api", "*", "httpStatus", 503, "delayMs", 300, "times", 2));

        long start = System.nanoTime();
        given().queryParam("js_code", "dev-alice").get("/sns/jscode2session").then().statusCode(503)
                .body(containsString("503 Service Unavailable"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "the delay comes first");
        given().contentType(ContentType.JSON).body(Map.of()).post("/cgi-bin/stable_token").then().statusCode(503);
        assertNull(Sim.stableToken(false).get("errcode"));
        assertNull(Sim.jscode2session("dev-alice").get("errcode"), "the code was not used up");
    }

    @Test
    void clearingFaultsDropsThemAll() {
        Sim.fault(Map.of("api", "*", "errcode", -1, "times", 5));

        given().delete("/sim/faults").then().statusCode(204);

        assertNull(Sim.stableToken(false).get("errcode"));
    }

    @Test
    void queueingAnswersTheFaultWithDefaults() {
        given().contentType(ContentType.JSON).body(Map.of("api", "token", "errcode", 45011)).post("/sim/faults")
                .then().statusCode(200)
                .body("api", equalTo("token"))
                .body("errcode", equalTo(45011))
                .body("errmsg", equalTo("api minute-quota reach limit mustslower retry next minute"))
                .body("delayMs", equalTo(0))
                .body("times", equalTo(1))
                .body("httpStatus", equalTo(200));
        given().contentType(ContentType.JSON).body(Map.of("api", "token", "httpStatus", 500)).post("/sim/faults")
                .then().statusCode(200)
                .body("errcode", equalTo(0))
                .body("httpStatus", equalTo(500));
    }

    @Test
    void malformedFaultsAreRejected() {
        for (Map<String, ?> fault : new Map[] { Map.of("errcode", 45011), Map.of("api", "send", "errcode", -1),
                Map.of("api", "token", "times", 0), Map.of("api", "token", "delayMs", -5),
                Map.of("api", "token", "delayMs", 600_000), Map.of("api", "token", "httpStatus", 404),
                Map.of("api", "token", "httpStatus", 600) }) {
            given().contentType(ContentType.JSON).body(fault).post("/sim/faults").then().statusCode(400)
                    .body("error", notNullValue());
        }
        assertNull(Sim.stableToken(false).get("errcode"));
    }
}
