package org.minzheng.common.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.ProxiedProfile;
import org.minzheng.testsupport.ProxiedServices;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Readiness follows the real servers: PostgreSQL gone means not ready; Redis gone means degraded. */
@QuarkusTest
@TestProfile(ProxiedProfile.class)
class OutageHealthTest {

    @AfterEach
    void restore() {
        ProxiedServices.postgres().restore();
        ProxiedServices.redis().restore();
    }

    @Test
    void notReadyWhilePostgresIsUnreachableAndReadyAgainAfter() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        ProxiedServices.postgres().cut();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status",
                        equalTo("DOWN")));
        // liveness is about the process, not its dependencies: Kubernetes must not restart it for this
        given().get("/q/health/live").then().statusCode(200);

        ProxiedServices.postgres().restore();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void redisUnreachableIsDegradedButReady() {
        ProxiedServices.redis().cut();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.mode", equalTo("degraded")));

        ProxiedServices.redis().restore();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'redis' }.data.mode", equalTo("normal")));
    }
}
