package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SubscribeMessageTest {

    private static final String TEMPLATE = Sim.THING_TEMPLATE;

    private String token;
    private String alice;

    @BeforeEach
    void reset() {
        Sim.reset();
        token = Sim.accessToken();
        alice = Sim.openidOf("alice");
    }

    @Test
    void acceptedMessageIsRecorded() {
        JsonPath answer = Sim.sendSubscribe(token, message(alice, "婚姻登记预约已确认"));

        assertEquals(0, answer.getInt("errcode"));
        assertEquals("ok", answer.getString("errmsg"));

        given().queryParam("touser", alice).get("/sim/messages").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].msgid", equalTo(answer.get("msgid")))
                .body("[0].touser", equalTo(alice))
                .body("[0].template_id", equalTo(TEMPLATE))
                .body("[0].page", equalTo("pages/appointment/detail?id=42"))
                .body("[0].data.thing1.value", equalTo("婚姻登记预约已确认"))
                .body("[0].miniprogram_state", equalTo("developer"));
    }

    @Test
    void messagesAreListedOldestFirstAndByRecipient() {
        String bob = Sim.openidOf("bob");
        Sim.sendSubscribe(token, message(alice, "first"));
        Sim.sendSubscribe(token, message(bob, "for bob"));
        Sim.sendSubscribe(token, message(alice, "second"));

        given().queryParam("touser", alice).get("/sim/messages").then()
                .body("data.thing1.value", equalTo(List.of("first", "second")));
        given().get("/sim/messages").then().body("", hasSize(3)).body("[1].touser", equalTo(bob));
    }

    @Test
    void clearingMessagesEmptiesTheList() {
        Sim.sendSubscribe(token, message(alice, "first"));

        given().delete("/sim/messages").then().statusCode(204);

        given().get("/sim/messages").then().body("", hasSize(0));
    }

    @Test
    void unknownOpenidIsRefusedAndNotRecorded() {
        JsonPath answer = Sim.sendSubscribe(token, message("oNeverLoggedIn000000000000000", "x"));

        assertEquals(40003, answer.getInt("errcode"));
        assertEquals("invalid openid", answer.getString("errmsg"));
        given().get("/sim/messages").then().body("", hasSize(0));
    }

    @Test
    void openidNotYetTradedForACodeIsUnknown() {
        String carol = Sim.wxLogin("carol").getString("openid");

        assertEquals(40003, Sim.sendSubscribe(token, message(carol, "x")).getInt("errcode"));
    }

    @Test
    void invalidTokenIsRefused() {
        assertEquals(40001, Sim.sendSubscribe("not-a-token", message(alice, "x")).getInt("errcode"));
        given().get("/sim/messages").then().body("", hasSize(0));
    }

    @Test
    void missingTemplateOrDataIsRefused() {
        Map<String, Object> noTemplate = new HashMap<>(message(alice, "x"));
        noTemplate.remove("template_id");
        Map<String, Object> noData = new HashMap<>(message(alice, "x"));
        noData.remove("data");
        Map<String, Object> badState = new HashMap<>(message(alice, "x"));
        badState.put("miniprogram_state", "production");

        assertEquals(40037, Sim.sendSubscribe(token, noTemplate).getInt("errcode"));
        assertEquals(47003, Sim.sendSubscribe(token, noData).getInt("errcode"));
        assertEquals(47003, Sim.sendSubscribe(token, badState).getInt("errcode"));
        given().get("/sim/messages").then().body("", hasSize(0));
    }

    private static Map<String, Object> message(String touser, String thing) {
        return Map.of("touser", touser, "template_id", TEMPLATE, "page", "pages/appointment/detail?id=42",
                "data", Map.of("thing1", Map.of("value", thing)), "miniprogram_state", "developer");
    }
}
