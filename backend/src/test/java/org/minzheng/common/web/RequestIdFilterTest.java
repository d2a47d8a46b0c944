package org.minzheng.common.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.LogCapture;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RequestIdFilterTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void offeredIdComesBackOnTheResponseAndInTheProblem() {
        given().header("X-Request-Id", "gateway-7f3a9c01")
                .get("/api/v1/nothing-here")
                .then().statusCode(404)
                .header("X-Request-Id", equalTo("gateway-7f3a9c01"))
                .body("requestId", equalTo("gateway-7f3a9c01"));
    }

    @Test
    void generatedWhenAbsent() {
        given().get("/q/health/live").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void generatedWhenTheOfferedOneCouldForgeLogLines() {
        given().header("X-Request-Id", "abc\" level=ERROR msg=forged")
                .get("/q/health/live")
                .then().header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void everyLogLineOfTheRequestCarriesIt() {
        try (LogCapture log = LogCapture.open()) {
            given().header("X-Request-Id", "trace-0000-1111").contentType(ContentType.JSON)
                    .body("{\"title\": \"t\", \"party\": {\"name\": \"Li\", \"children\": 0}}")
                    .post("/test-probe/bookings")
                    .then().statusCode(200).header("X-Request-Id", equalTo("trace-0000-1111"));
            assertThat(log.lines())
                    .filteredOn(line -> "probe booking received".equals(line.message()))
                    .singleElement()
                    .extracting(LogCapture.Line::requestId).isEqualTo("trace-0000-1111");
        }
    }
}
