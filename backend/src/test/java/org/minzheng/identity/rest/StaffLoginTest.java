package org.minzheng.identity.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class StaffLoginTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/staff/login").then();
    }

    private static String newAccount(String password) {
        String username = "clerk-" + UUID.randomUUID().toString().substring(0, 8);
        Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "Clerk", "password", password,
                        "scope", Map.of("roles", List.of("COUNTER"), "servicePointIds", List.of(7), "streetCodes", List.of())))
                .post("/api/v1/admin/staff").then().statusCode(201);
        return username;
    }

    @Test
    void theBootstrapAdminCanSignIn() {
        login(Logins.ADMIN_USERNAME, Logins.ADMIN_PASSWORD).statusCode(200).body("accessToken", notNullValue());
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        String username = newAccount("correct horse battery");
        String wrong = login(username, "wrong password!").statusCode(401).body("code", equalTo("BAD_CREDENTIALS"))
                .extract().path("detail");
        login("nobody-" + UUID.randomUUID(), "wrong password!").statusCode(401).body("code", equalTo("BAD_CREDENTIALS"))
                .body("detail", equalTo(wrong));
    }

    @Test
    void fiveFailuresLockForFifteenMinutesEvenWithTheRightPassword() {
        String username = newAccount("correct horse battery");
        for (int i = 1; i <= 4; i++) {
            login(username, "guess " + i).statusCode(401);
        }
        login(username, "guess 5").statusCode(423).body("code", equalTo("ACCOUNT_LOCKED")).header("Retry-After", notNullValue());
        login(username, "correct horse battery").statusCode(423).body("code", equalTo("ACCOUNT_LOCKED"));

        clock.advance(Duration.ofMinutes(14));
        login(username, "correct horse battery").statusCode(423);
        clock.advance(Duration.ofMinutes(2));
        login(username, "correct horse battery").statusCode(200);
    }

    @Test
    void unknownUsernamesLockAlikeSoLockoutRevealsNothing() {
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 4; i++) {
            login(ghost, "guess " + i).statusCode(401);
        }
        login(ghost, "guess 5").statusCode(423).body("code", equalTo("ACCOUNT_LOCKED"));
    }

    @Test
    void successResetsTheCount() {
        String username = newAccount("correct horse battery");
        for (int i = 1; i <= 4; i++) {
            login(username, "guess " + i).statusCode(401);
        }
        login(username, "correct horse battery").statusCode(200);
        for (int i = 1; i <= 4; i++) {
            login(username, "guess " + i).statusCode(401);
        }
    }

    @Test
    void disabledAccountsCannotSignInOrRefresh() {
        String username = newAccount("correct horse battery");
        Logins.Session session = Logins.staff(username, "correct horse battery");
        long id = Logins.admin().as().get("/api/v1/admin/staff?limit=100").then().extract().jsonPath()
                .getLong("items.find { it.username == '" + username + "' }.id");
        Logins.admin().as().post("/api/v1/admin/staff/" + id + "/disable").then().statusCode(200).body("disabled", equalTo(true));
        login(username, "correct horse battery").statusCode(401).body("code", equalTo("BAD_CREDENTIALS"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", session.refreshToken()))
                .post("/api/v1/auth/refresh").then().statusCode(401);
    }
}
