package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Calls to the sim as the backend and tests make them, with the configured credentials. */
final class Sim {

    static final String APPID = "wx-dev-minzheng";
    static final String SECRET = "dev-secret-not-for-production";
    /** A test-profile template with one keyword, thing1 of type thing, for tests about other things. */
    static final String THING_TEMPLATE = "sim-thing";

    private Sim() {
    }

    static void reset() {
        given().delete("/sim/state").then().statusCode(204);
    }

    /** The body of a code2Session answer; WeChat sends it as text/plain, so it is parsed by hand. */
    static JsonPath jscode2session(String code) {
        return jscode2session(APPID, SECRET, code, "authorization_code");
    }

    static JsonPath jscode2session(String appid, String secret, String code, String grantType) {
        var request = given();
        if (appid != null) {
            request.queryParam("appid", appid);
        }
        if (secret != null) {
            request.queryParam("secret", secret);
        }
        if (code != null) {
            request.queryParam("js_code", code);
        }
        if (grantType != null) {
            request.queryParam("grant_type", grantType);
        }
        String body = request.get("/sns/jscode2session").then().statusCode(200).extract().asString();
        return JsonPath.from(body);
    }

    static JsonPath wxLogin(String name) {
        return post("/sim/wx-login", Map.of("name", name));
    }

    /** Logs the user in through code2Session, which makes their openid one the sim has issued. */
    static String openidOf(String name) {
        return jscode2session(wxLogin(name).getString("code")).getString("openid");
    }

    static JsonPath stableToken(boolean forceRefresh) {
        return post("/cgi-bin/stable_token", Map.of("grant_type", "client_credential", "appid", APPID,
                "secret", SECRET, "force_refresh", forceRefresh));
    }

    static String accessToken() {
        return stableToken(false).getString("access_token");
    }

    static JsonPath phoneNumber(String accessToken, String code) {
        var request = given().contentType(ContentType.JSON).body(Map.of("code", code));
        if (accessToken != null) {
            request.queryParam("access_token", accessToken);
        }
        return request.post("/wxa/business/getuserphonenumber").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath sendSubscribe(String accessToken, Map<String, ?> message) {
        return given().contentType(ContentType.JSON).queryParam("access_token", accessToken).body(message)
                .post("/cgi-bin/message/subscribe/send").then().statusCode(200).extract().jsonPath();
    }

    /** A message to the template with these keyword values, e.g. {@code thing1 -> "x"}. */
    static Map<String, Object> message(String touser, String templateId, Map<String, String> values) {
        Map<String, Object> data = new LinkedHashMap<>();
        values.forEach((keyword, value) -> data.put(keyword, Map.of("value", value)));
        return Map.of("touser", touser, "template_id", templateId, "data", data);
    }

    static void fault(Map<String, ?> fault) {
        given().contentType(ContentType.JSON).body(fault).post("/sim/faults").then().statusCode(200);
    }

    static void advanceClock(long seconds) {
        given().contentType(ContentType.JSON).body(Map.of("advanceSeconds", seconds)).post("/sim/clock")
                .then().statusCode(200);
    }

    static long calls(String api) {
        return given().queryParam("api", api).get("/sim/calls").then().statusCode(200).extract().jsonPath()
                .getLong(api);
    }

    static JsonPath post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract()
                .jsonPath();
    }
}
