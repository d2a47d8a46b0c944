package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AccessTokenTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void stableTokenIsTheSameUntilForced() {
        JsonPath first = Sim.stableToken(false);
        JsonPath second = Sim.stableToken(false);
        JsonPath forced = Sim.stableToken(true);

        assertEquals(7200, first.getLong("expires_in"));
        assertEquals(first.getString("access_token"), second.getString("access_token"));
        assertNotEquals(first.getString("access_token"), forced.getString("access_token"));
        assertEquals(7200, forced.getLong("expires_in"));
    }

    @Test
    void forcedRefreshRetiresTheOldTokenAtOnce() {
        String old = Sim.accessToken();
        String fresh = Sim.stableToken(true).getString("access_token");

        assertEquals(40001, Sim.phoneNumber(old, "phone-13800138000.a").getInt("errcode"));
        assertEquals(0, Sim.phoneNumber(fresh, "phone-13800138000.b").getInt("errcode"));
    }

    @Test
    void stableTokenTellsTheSecondsItHasLeft() {
        String token = Sim.accessToken();
        Sim.advanceClock(100);

        JsonPath again = Sim.stableToken(false);

        assertEquals(token, again.getString("access_token"));
        // Real time passes during the test too, and the sim rounds down.
        long left = again.getLong("expires_in");
        assertTrue(left <= 7100 && left >= 7090, "expires_in " + left);
    }

    @Test
    void expiredStableTokenIsReplaced() {
        String token = Sim.accessToken();
        Sim.advanceClock(7200);

        JsonPath renewed = Sim.stableToken(false);

        assertNotEquals(token, renewed.getString("access_token"));
        assertEquals(7200, renewed.getLong("expires_in"));
    }

    @Test
    void plainTokenIsNewEachCallAndRetiresThePrevious() {
        String first = plainToken(Sim.APPID, Sim.SECRET, "client_credential").getString("access_token");
        JsonPath second = plainToken(Sim.APPID, Sim.SECRET, "client_credential");

        assertNotEquals(first, second.getString("access_token"));
        assertEquals(7200, second.getLong("expires_in"));
        assertEquals(40001, Sim.phoneNumber(first, "phone-13800138000.a").getInt("errcode"));
        assertEquals(0, Sim.phoneNumber(second.getString("access_token"), "phone-13800138000.b").getInt("errcode"));
    }

    @Test
    void plainAndStableTokensDoNotRetireEachOther() {
        String stable = Sim.accessToken();
        String plain = plainToken(Sim.APPID, Sim.SECRET, "client_credential").getString("access_token");

        assertEquals(0, Sim.phoneNumber(stable, "phone-13800138000.a").getInt("errcode"));
        assertEquals(0, Sim.phoneNumber(plain, "phone-13800138000.b").getInt("errcode"));
        assertEquals(stable, Sim.accessToken());
    }

    @Test
    void wrongCredentialsAreRefused() {
        assertError(40013, "invalid appid", plainToken("wx-other", Sim.SECRET, "client_credential"));
        assertError(40125, "invalid appsecret", plainToken(Sim.APPID, "guessed", "client_credential"));
        assertError(40002, "invalid grant_type", plainToken(Sim.APPID, Sim.SECRET, "authorization_code"));

        assertError(40013, "invalid appid", stable(Map.of("grant_type", "client_credential", "appid", "wx-other",
                "secret", Sim.SECRET)));
        assertError(40125, "invalid appsecret", stable(Map.of("grant_type", "client_credential", "appid", Sim.APPID,
                "secret", "guessed")));
        assertError(40002, "invalid grant_type", stable(Map.of("grant_type", "password", "appid", Sim.APPID,
                "secret", Sim.SECRET)));
    }

    @Test
    void unreadableBodyIsDataFormatError() {
        JsonPath answer = given().contentType(ContentType.JSON).body("{not json").post("/cgi-bin/stable_token")
                .then().statusCode(200).extract().jsonPath();

        assertError(47001, "data format error", answer);
    }

    @Test
    void bodyIsReadWhateverItsContentType() {
        String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + Sim.APPID + "\",\"secret\":\""
                + Sim.SECRET + "\"}";
        JsonPath answer = given().contentType(ContentType.TEXT).body(body).post("/cgi-bin/stable_token")
                .then().statusCode(200).extract().jsonPath();

        assertNull(answer.get("errcode"));
        assertEquals(7200, answer.getLong("expires_in"));
    }

    private static JsonPath plainToken(String appid, String secret, String grantType) {
        return given().queryParam("grant_type", grantType).queryParam("appid", appid).queryParam("secret", secret)
                .get("/cgi-bin/token").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath stable(Map<String, ?> body) {
        return Sim.post("/cgi-bin/stable_token", body);
    }

    private static void assertError(int errcode, String errmsg, JsonPath answer) {
        assertEquals(errcode, answer.getInt("errcode"));
        assertEquals(errmsg, answer.getString("errmsg"));
        assertNull(answer.get("access_token"));
    }
}
