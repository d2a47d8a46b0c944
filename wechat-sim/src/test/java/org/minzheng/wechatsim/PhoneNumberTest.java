package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PhoneNumberTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void tradesCodeForTheNumberInWechatsShape() {
        String code = Sim.post("/sim/phone-code", Map.of("phone", "13800138000")).getString("code");
        long before = Instant.now().getEpochSecond();

        JsonPath answer = Sim.phoneNumber(Sim.accessToken(), code);

        assertEquals(0, answer.getInt("errcode"));
        assertEquals("ok", answer.getString("errmsg"));
        assertEquals("13800138000", answer.getString("phone_info.phoneNumber"));
        assertEquals("13800138000", answer.getString("phone_info.purePhoneNumber"));
        assertEquals("86", answer.getString("phone_info.countryCode"));
        assertEquals(Sim.APPID, answer.getString("phone_info.watermark.appid"));
        long timestamp = answer.getLong("phone_info.watermark.timestamp");
        assertTrue(timestamp >= before && timestamp <= Instant.now().getEpochSecond(), "watermark is now");
    }

    @Test
    void handWrittenCodeCarriesItsNumber() {
        JsonPath answer = Sim.phoneNumber(Sim.accessToken(), "phone-15912345678");

        assertEquals("15912345678", answer.getString("phone_info.purePhoneNumber"));
    }

    @Test
    void issuedCodesAreUnique() {
        String first = Sim.post("/sim/phone-code", Map.of("phone", "13800138000")).getString("code");
        String second = Sim.post("/sim/phone-code", Map.of("phone", "13800138000")).getString("code");

        assertTrue(first.startsWith("phone-13800138000."), first);
        assertNotEquals(first, second, "each call gives a fresh code");
    }

    @Test
    void codeWorksOnlyOnce() {
        String token = Sim.accessToken();
        Sim.phoneNumber(token, "phone-13800138000.x");

        JsonPath again = Sim.phoneNumber(token, "phone-13800138000.x");

        assertEquals(40029, again.getInt("errcode"));
        assertEquals("invalid code", again.getString("errmsg"));
        assertNull(again.get("phone_info"));
    }

    @Test
    void codeExpiresAfterFiveMinutes() {
        String code = Sim.post("/sim/phone-code", Map.of("phone", "13800138000")).getString("code");
        String token = Sim.accessToken();
        Sim.advanceClock(300);

        assertEquals(40029, Sim.phoneNumber(token, code).getInt("errcode"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "13800138000", "phone-", "phone-1380013800", "phone-138001380001",
            "phone-23800138000", "phone-+8613800138000", "dev-alice" })
    void malformedCodeIsInvalid(String code) {
        JsonPath answer = Sim.phoneNumber(Sim.accessToken(), code);

        assertEquals(40029, answer.getInt("errcode"));
        assertEquals("invalid code", answer.getString("errmsg"));
    }

    @Test
    void missingOrUnknownTokenIsInvalidCredential() {
        for (String token : new String[] { null, "", "not-a-token" }) {
            JsonPath answer = Sim.phoneNumber(token, "phone-13800138000");

            assertEquals(40001, answer.getInt("errcode"));
            assertEquals("invalid credential, access_token is invalid or not latest", answer.getString("errmsg"));
        }
    }

    @Test
    void expiredTokenIsExpired() {
        String token = Sim.accessToken();
        Sim.advanceClock(7200);

        JsonPath answer = Sim.phoneNumber(token, "phone-13800138000");

        assertEquals(42001, answer.getInt("errcode"));
        assertEquals("access_token expired", answer.getString("errmsg"));
    }

    @Test
    void tokenStillValidJustBeforeItsTwoHours() {
        String token = Sim.accessToken();
        Sim.advanceClock(7199);

        assertEquals(0, Sim.phoneNumber(token, "phone-13800138000").getInt("errcode"));
    }

    @Test
    void refusedTokenDoesNotUseUpTheCode() {
        Sim.phoneNumber("not-a-token", "phone-13800138000.kept");

        assertEquals(0, Sim.phoneNumber(Sim.accessToken(), "phone-13800138000.kept").getInt("errcode"));
    }

    @Test
    void phoneCodeEndpointRejectsNonMobileNumbers() {
        given().contentType("application/json").body(Map.of("phone", "12345")).post("/sim/phone-code")
                .then().statusCode(400);
    }
}
