package org.minzheng.wechatsim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class Jscode2SessionTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void sameNameIsSameUser() {
        JsonPath first = Sim.jscode2session(Sim.wxLogin("alice").getString("code"));
        JsonPath second = Sim.jscode2session("dev-alice.hand-written");

        assertEquals(first.getString("openid"), second.getString("openid"));
        assertEquals(first.getString("unionid"), second.getString("unionid"));
        assertNotEquals(first.getString("session_key"), second.getString("session_key"));
        assertNull(first.get("errcode"));
    }

    @Test
    void differentNamesAreDifferentUsers() {
        JsonPath alice = Sim.jscode2session("dev-alice");
        JsonPath bob = Sim.jscode2session("dev-bob");

        assertNotEquals(alice.getString("openid"), bob.getString("openid"));
        assertNotEquals(alice.getString("unionid"), bob.getString("unionid"));
    }

    @Test
    void idsAreDerivedFromAppidAndName() throws Exception {
        JsonPath session = Sim.jscode2session("dev-alice.1");

        assertEquals("o" + sha256Prefix(Sim.APPID + ":alice"), session.getString("openid"));
        assertEquals("u" + sha256Prefix("alice"), session.getString("unionid"));
        assertEquals(28, session.getString("openid").length());
        assertEquals(16, Base64.getDecoder().decode(session.getString("session_key")).length);
    }

    @Test
    void wxLoginTellsTheIdsCode2SessionWillGive() {
        JsonPath login = Sim.wxLogin("carol");
        JsonPath session = Sim.jscode2session(login.getString("code"));

        assertEquals(login.getString("openid"), session.getString("openid"));
        assertEquals(login.getString("unionid"), session.getString("unionid"));
    }

    @Test
    void answersJsonAsTextPlainLikeWechat() {
        given().queryParam("appid", Sim.APPID).queryParam("secret", Sim.SECRET).queryParam("js_code", "dev-alice")
                .queryParam("grant_type", "authorization_code")
                .get("/sns/jscode2session")
                .then().statusCode(200).contentType(startsWith("text/plain"));
    }

    @Test
    void codeWorksOnlyOnce() {
        String code = Sim.wxLogin("alice").getString("code");
        Sim.jscode2session(code);

        JsonPath again = Sim.jscode2session(code);

        assertEquals(40163, again.getInt("errcode"));
        assertEquals("code been used", again.getString("errmsg"));
        assertNull(again.get("openid"));
    }

    @Test
    void handWrittenCodeWorksOnlyOnce() {
        Sim.jscode2session("dev-alice");

        assertEquals(40163, Sim.jscode2session("dev-alice").getInt("errcode"));
    }

    @Test
    void codeRedeemedConcurrentlyWorksOnlyOnce() throws Exception {
        String code = Sim.wxLogin("alice").getString("code");
        List<Callable<JsonPath>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            attempts.add(() -> Sim.jscode2session(code));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int successes = 0;
            for (Future<JsonPath> result : pool.invokeAll(attempts)) {
                successes += result.get().get("openid") != null ? 1 : 0;
            }
            assertEquals(1, successes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void issuedCodeExpiresAfterFiveMinutes() {
        String stillValid = Sim.wxLogin("alice").getString("code");
        String expired = Sim.wxLogin("alice").getString("code");

        Sim.advanceClock(299);
        assertNull(Sim.jscode2session(stillValid).get("errcode"));

        Sim.advanceClock(2);
        JsonPath answer = Sim.jscode2session(expired);
        assertEquals(40029, answer.getInt("errcode"));
        assertEquals("invalid code", answer.getString("errmsg"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "abc", "dev-", "dev-.x", "dev-al ice", "dev-alice!", "DEV-alice", "xdev-alice",
            "dev-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void malformedCodeIsInvalid(String code) {
        JsonPath answer = Sim.jscode2session(code);

        assertEquals(40029, answer.getInt("errcode"));
        assertEquals("invalid code", answer.getString("errmsg"));
    }

    @Test
    void missingCodeIsInvalid() {
        assertEquals(40029, Sim.jscode2session(Sim.APPID, Sim.SECRET, null, "authorization_code").getInt("errcode"));
    }

    @Test
    void wrongAppidIsRefused() {
        JsonPath answer = Sim.jscode2session("wx-other", Sim.SECRET, "dev-alice", "authorization_code");

        assertEquals(40013, answer.getInt("errcode"));
        assertEquals("invalid appid", answer.getString("errmsg"));
    }

    @Test
    void wrongSecretIsRefused() {
        JsonPath answer = Sim.jscode2session(Sim.APPID, "guessed", "dev-alice", "authorization_code");

        assertEquals(40125, answer.getInt("errcode"));
        assertEquals("invalid appsecret", answer.getString("errmsg"));
        assertEquals(40125, Sim.jscode2session(Sim.APPID, null, "dev-alice", "authorization_code").getInt("errcode"));
    }

    @Test
    void wrongGrantTypeIsRefused() {
        assertEquals(40002, Sim.jscode2session(Sim.APPID, Sim.SECRET, "dev-alice", "client_credential")
                .getInt("errcode"));
        assertEquals(40002, Sim.jscode2session(Sim.APPID, Sim.SECRET, "dev-alice", null).getInt("errcode"));
    }

    private static String sha256Prefix(String input) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
    }
}
