package org.minzheng.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Kubernetes sees the worker ready only while PostgreSQL and Redis answer, live while its reader runs. */
@QuarkusTest
class WorkerHealthTest {

    @Test
    void liveWhileTheReaderRunsReadyWhenPostgresqlAndRedisAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("notify-outbox-reader"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Redis connection health check"));
    }
}
