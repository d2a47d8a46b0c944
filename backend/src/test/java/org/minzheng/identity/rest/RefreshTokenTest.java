package org.minzheng.identity.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class RefreshTokenTest {

    private static ValidatableResponse refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).post("/api/v1/auth/refresh").then();
    }

    @Test
    void refreshRotatesAndTheNewAccessTokenWorks() {
        Logins.Session session = Logins.newResident();
        var next = refresh(session.refreshToken()).statusCode(200).extract().jsonPath();
        assertThat(next.getString("refreshToken")).isNotEqualTo(session.refreshToken());
        given().auth().oauth2(next.getString("accessToken")).get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo((int) session.id()));
        refresh(next.getString("refreshToken")).statusCode(200);
    }

    @Test
    void reusingAnOldTokenEndsTheWholeChain() {
        Logins.Session session = Logins.newResident();
        String second = refresh(session.refreshToken()).statusCode(200).extract().path("refreshToken");
        // the first token comes back (a thief replaying it): everything in its family dies
        refresh(session.refreshToken()).statusCode(401).body("code", equalTo("REFRESH_TOKEN_REUSED"));
        refresh(second).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void logoutRevokes() {
        Logins.Session session = Logins.newResident();
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", session.refreshToken()))
                .post("/api/v1/auth/logout").then().statusCode(204);
        refresh(session.refreshToken()).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        // logging out twice is harmless
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", session.refreshToken()))
                .post("/api/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void inventedTokensAreRefused() {
        refresh("nonsense").statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        refresh("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void parallelRefreshesWithOneTokenLetExactlyOneThrough() throws Exception {
        Logins.Session session = Logins.newResident();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> refresh(session.refreshToken()).extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }
}
