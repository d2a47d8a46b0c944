package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** subscribeMessage.send against the configured templates: the template, its keywords, their types. */
@QuarkusTest
class SubscribeTemplatesTest {

    /** Test profile only: one keyword of each type. */
    private static final String EVERY_TYPE = "sim-every-type";
    private static final String RID = " rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

    private String token;
    private String alice;

    @BeforeEach
    void reset() {
        Sim.reset();
        token = Sim.accessToken();
        alice = Sim.openidOf("alice");
    }

    @Test
    void messageFillingEveryTypeIsAcceptedAndRecorded() {
        JsonPath answer = Sim.sendSubscribe(token, Sim.message(alice, EVERY_TYPE, validValues()));

        assertEquals(0, answer.getInt("errcode"));
        given().get("/sim/messages").then().body("", hasSize(1))
                .body("[0].template_id", equalTo(EVERY_TYPE))
                .body("[0].msgid", equalTo(answer.get("msgid")))
                .body("[0].data.phrase2.value", equalTo("已确认"))
                .body("[0].data.date11.value", equalTo("2026年12月1日"))
                .body("[0].data.time12.value", equalTo("15:01"));
    }

    @Test
    void unknownTemplateIsInvalidTemplateId() {
        for (String templateId : new String[] { "no-such-template", "DEV-BOOKING-CONFIRMED", "", " " }) {
            JsonPath answer = Sim.sendSubscribe(token, Sim.message(alice, templateId, Map.of("thing1", "x")));

            assertEquals(40037, answer.getInt("errcode"), templateId);
            assertEquals("invalid template_id", answer.getString("errmsg"));
        }
        given().get("/sim/messages").then().body("", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", value = {
        "thing1 | abcdefghijklmnopqrst | ",
        "thing1 | abcdefghijklmnopqrstu | exceeds limit",
        "thing1 | 深圳市南山区西丽报恩福地公墓管理处东门第 | ",
        "thing1 | 深圳市南山区西丽报恩福地公墓管理处东门第二 | exceeds limit",
        "phrase2 | 五个汉字呀 | ",
        "phrase2 | 已确认OK | invalid",
        "phrase2 | 六个汉字呀呀 | exceeds limit",
        "character_string3 | MZ-2026-000042 | ",
        "character_string3 | MZ 42 | invalid",
        "character_string3 | abcdefghijklmnopqrstuvwxyz0123456 | exceeds limit",
        "number4 | 3.14 | ",
        "number4 | 3,14 | invalid",
        "letter5 | abc | ",
        "letter5 | abc1 | invalid",
        "symbol6 | ！？ | ",
        "symbol6 | %%%%%% | exceeds limit",
        "car_number7 | 粤BD12345 | ",
        "car_number7 | 粤BD123456 | exceeds limit",
        "car_number7 | 粤B D1234 | invalid",
        "name8 | 欧阳娜娜张三李四王五 | ",
        "name8 | 欧阳娜娜张三李四王五六 | exceeds limit",
        "name8 | Alexander Hamiltonnn | ",
        "name8 | Alexander Hamiltonnnn | exceeds limit",
        "amount9 | 12.50元 | ",
        "amount9 | 12.5元整 | invalid",
        "phone_number10 | +86-755-123456789 | ",
        "phone_number10 | 138 0013 8000 | invalid",
        "date11 | 2026-12-01 | ",
        "date11 | 2026-12-01 15:01 | ",
        "date11 | 2026/12/01 | invalid",
        "date11 | 2026-02-30 | invalid",
        "time12 | 15:01:00 | ",
        "time12 | 2026年12月1日 15:01 | ",
        "time12 | 09:00~09:30 | ",
        "time12 | 3:01 PM | invalid",
    })
    void eachValueIsCheckedAgainstItsType(String keyword, String value, String refusal) {
        Map<String, String> values = validValues();
        values.put(keyword, value);

        JsonPath answer = Sim.sendSubscribe(token, Sim.message(alice, EVERY_TYPE, values));

        if (refusal == null) {
            assertAccepted(answer);
        } else {
            assertArgumentInvalid(answer, "data." + keyword + ".value " + refusal);
        }
    }

    @Test
    void emptyValueIsRefused() {
        Map<String, String> values = validValues();
        values.put("time12", "");

        assertArgumentInvalid(Sim.sendSubscribe(token, Sim.message(alice, EVERY_TYPE, values)),
                "data.time12.value is empty");
        Map<String, Object> nullValue = Map.of("touser", alice, "template_id", Sim.THING_TEMPLATE,
                "data", Map.of("thing1", new HashMap<>()));
        assertArgumentInvalid(Sim.sendSubscribe(token, nullValue), "data.thing1.value is empty");
    }

    @Test
    void everyKeywordOfTheTemplateMustBeThere() {
        Map<String, String> values = validValues();
        values.remove("date11");

        assertArgumentInvalid(Sim.sendSubscribe(token, Sim.message(alice, EVERY_TYPE, values)),
                "data.date11 is missing");
        assertArgumentInvalid(Sim.sendSubscribe(token, Sim.message(alice, EVERY_TYPE, Map.of())),
                "data.amount9 is missing");
        given().get("/sim/messages").then().body("", hasSize(0));
    }

    @Test
    void keywordsNotInTheTemplateAreRefused() {
        Map<String, String> values = validValues();
        values.put("thing13", "x");

        assertArgumentInvalid(Sim.sendSubscribe(token, Sim.message(alice, EVERY_TYPE, values)),
                "data.thing13 is not in the template");
        var reminder = Map.of("thing1", "x", "date1", "2026年12月1日", "time2", "09:30");
        assertArgumentInvalid(Sim.sendSubscribe(token, Sim.message(alice, "dev-booking-reminder", reminder)),
                "data.thing1 is not in the template");
        given().get("/sim/messages").then().body("", hasSize(0));
    }

    @Test
    void theBackendsDevelopmentTemplatesAreShipped() {
        var confirmed = Map.of("character_string1", "MZ20261201001", "date2", "2026年12月1日", "time3", "09:30");
        var reminder = Map.of("date1", "2026年12月1日", "time2", "09:30");
        // as the backend cuts its test values to fit
        var testLong = Map.of("thing1", "深圳市南山区西丽报恩福地公墓管理处东门第", "phrase2", "已确认",
                "car_number3", "粤BD12345");

        assertAccepted(Sim.sendSubscribe(token, Sim.message(alice, "dev-booking-confirmed", confirmed)));
        assertAccepted(Sim.sendSubscribe(token, Sim.message(alice, "dev-booking-reminder", reminder)));
        assertAccepted(Sim.sendSubscribe(token, Sim.message(alice, "test-long", testLong)));
        var decided = Map.of("thing1", "最低生活保障", "phrase2", "已批准");
        assertAccepted(Sim.sendSubscribe(token, Sim.message(alice, "dev-application-result", decided)));
        given().queryParam("touser", alice).get("/sim/messages").then()
                .body("template_id", equalTo(List.of("dev-booking-confirmed", "dev-booking-reminder", "test-long",
                        "dev-application-result")));
    }

    @Test
    void pageWithWhitespaceIsInvalid() {
        Map<String, Object> message = new HashMap<>(Sim.message(alice, Sim.THING_TEMPLATE, Map.of("thing1", "x")));
        message.put("page", "pages/bookings/detail?id=4 2");

        JsonPath answer = Sim.sendSubscribe(token, message);

        assertEquals(41030, answer.getInt("errcode"));
        assertEquals("invalid page", answer.getString("errmsg"));
        message.put("page", "");
        assertEquals(0, Sim.sendSubscribe(token, message).getInt("errcode"));
        message.put("page", "pages/bookings/detail?id=42");
        assertEquals(0, Sim.sendSubscribe(token, message).getInt("errcode"));
    }

    private static void assertAccepted(JsonPath answer) {
        assertEquals(0, answer.getInt("errcode"), answer.prettify());
    }

    /** WeChat's 47003 names the keyword, then a request id that differs on every call. */
    private static void assertArgumentInvalid(JsonPath answer, String problem) {
        assertEquals(47003, answer.getInt("errcode"), answer.prettify());
        String errmsg = answer.getString("errmsg");
        assertTrue(errmsg.matches(Pattern.quote("argument invalid! " + problem) + RID), errmsg);
    }

    private static Map<String, String> validValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("thing1", "婚姻登记预约已确认");
        values.put("phrase2", "已确认");
        values.put("character_string3", "MZ20261201001");
        values.put("number4", "42");
        values.put("letter5", "AM");
        values.put("symbol6", "%");
        values.put("car_number7", "粤B12345");
        values.put("name8", "张三");
        values.put("amount9", "¥30.00");
        values.put("phone_number10", "13800138000");
        values.put("date11", "2026年12月1日");
        values.put("time12", "15:01");
        return values;
    }
}
