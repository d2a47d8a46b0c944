package org.minzheng.identity.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.WeChatSim;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ResidentLoginTest {

    @AfterEach
    void clearFaults() {
        WeChatSim.clearFaults();
    }

    private static io.restassured.response.ValidatableResponse login(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/v1/auth/wechat").then();
    }

    @Test
    void loginAnswersTokensAndNeverTheSessionKey() {
        String body = login(WeChatSim.loginCode("login-happy")).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer"))
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue())
                .body("expiresAt", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContainIgnoringCase("session_key").doesNotContainIgnoringCase("sessionKey")
                .doesNotContain("openid");
    }

    @Test
    void theSameWeChatUserIsTheSameResident() {
        long first = Logins.resident("same-person").id();
        long second = Logins.resident("same-person").id();
        long other = Logins.resident("other-person").id();
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aCodeWorksOnce() {
        String code = WeChatSim.loginCode("code-once");
        login(code).statusCode(200);
        login(code).statusCode(401).contentType("application/problem+json").body("code", equalTo("WECHAT_CODE_INVALID"));
    }

    @Test
    void anInventedCodeIsInvalid() {
        login("not-a-wechat-code").statusCode(401).body("code", equalTo("WECHAT_CODE_INVALID"));
    }

    @ParameterizedTest(name = "errcode {0} -> {1} {2}")
    @CsvSource({
            "40029, 401, WECHAT_CODE_INVALID",
            "45011, 429, WECHAT_RATE_LIMITED",
            "40226, 403, WECHAT_HIGH_RISK",
            "-1, 503, WECHAT_UNAVAILABLE",
            "40013, 502, WECHAT_ERROR",
    })
    void weChatErrorsBecomeClearProblems(int errcode, int status, String code) {
        WeChatSim.fault("jscode2session", errcode, 0, 1);
        var response = login(WeChatSim.loginCode("errs")).statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code));
        if (status == 429 || status == 503) {
            response.header("Retry-After", notNullValue());
        }
    }

    @Test
    void weChatTooSlowIs503WithRetryAfter() {
        WeChatSim.fault("jscode2session", 0, 3000, 1); // longer than minzheng.wechat.timeout (1 s in tests)
        login(WeChatSim.loginCode("slow")).statusCode(503).body("code", equalTo("WECHAT_UNAVAILABLE"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void blankCodeIsAValidationError() {
        login(" ").statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("code"));
    }
}
