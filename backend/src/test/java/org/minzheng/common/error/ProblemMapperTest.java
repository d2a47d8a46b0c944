package org.minzheng.common.error;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.LogCapture;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every way a request can go wrong answers application/problem+json with a stable code. */
@QuarkusTest
class ProblemMapperTest {

    private static final String VALID = """
            {"title": "ceremony", "party": {"name": "Wang", "children": 1}}""";

    private static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", equalTo("urn:minzheng:problem:" + code))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("requestId", notNullValue());
    }

    @Test
    void validBodyPasses() {
        given().contentType(ContentType.JSON).body(VALID)
                .post("/test-probe/bookings")
                .then().statusCode(200).body("party.name", equalTo("Wang"));
    }

    @Test
    void validationFailureListsEveryFieldWithItsCode() {
        var response = given().contentType(ContentType.JSON)
                .body("""
                        {"title": "far too long a title", "party": {"name": " ", "children": 9},
                         "guests": [{"name": "ok", "children": 0}, {"name": "", "children": 0}]}""")
                .post("/test-probe/bookings")
                .then();
        problem(response, 400, "VALIDATION_FAILED")
                .body("instance", equalTo("/test-probe/bookings"))
                .body("errors", hasSize(4))
                .body("errors.find { it.field == 'title' }.code", equalTo("SIZE"))
                .body("errors.find { it.field == 'party.name' }.code", equalTo("NOT_BLANK"))
                .body("errors.find { it.field == 'party.children' }.code", equalTo("MAX"))
                .body("errors.find { it.field == 'guests[1].name' }.code", equalTo("NOT_BLANK"))
                .body("errors.find { it.field == 'party.name' }.message", notNullValue());
    }

    @Test
    void missingBodyIsAValidationFailure() {
        problem(given().contentType(ContentType.JSON).post("/test-probe/bookings").then(), 400, "VALIDATION_FAILED")
                .body("errors[0].code", equalTo("NOT_NULL"));
    }

    @Test
    void chineseByDefaultEnglishOnRequest() {
        String body = """
                {"title": "x", "party": {"name": "", "children": 0}}""";
        given().contentType(ContentType.JSON).body(body).post("/test-probe/bookings")
                .then().statusCode(400)
                .body("title", equalTo("请求参数有误"))
                .body("errors[0].message", equalTo("不能为空"));
        given().contentType(ContentType.JSON).header("Accept-Language", "en-GB,en;q=0.8").body(body)
                .post("/test-probe/bookings")
                .then().statusCode(400)
                .body("title", equalTo("Invalid request"))
                .body("errors[0].message", equalTo("must not be blank"));
    }

    @Test
    void malformedJson() {
        problem(given().contentType(ContentType.JSON).body("{\"title\": \"x\", ").post("/test-probe/bookings").then(),
                400, "MALFORMED_JSON");
    }

    @Test
    void wrongJsonTypeIsMalformed() {
        problem(given().contentType(ContentType.JSON)
                .body("{\"title\": \"x\", \"party\": {\"name\": \"a\", \"children\": \"many\"}}")
                .post("/test-probe/bookings").then(), 400, "MALFORMED_JSON")
                .body("errors[0].field", equalTo("party.children"))
                .body("errors[0].code", equalTo("INVALID_TYPE"))
                .body(not(containsString("many")));
    }

    @Test
    void unknownRoute() {
        problem(given().get("/api/v1/no-such-thing").then(), 404, "NOT_FOUND")
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void wrongMethod() {
        problem(given().delete("/test-probe/bookings").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void wrongMediaType() {
        problem(given().contentType(ContentType.TEXT).body("hello").post("/test-probe/bookings").then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unacceptableMediaType() {
        problem(given().accept("application/xml").get("/test-probe/throttled").then(), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"title\": \"" + "x".repeat(1_100_000) + "\"}";
        problem(given().contentType(ContentType.JSON).body(huge).post("/test-probe/bookings").then(),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void oversizedChunkedBodyIs413() {
        // no Content-Length: the limit is enforced while the body is read
        var chunks = new java.io.ByteArrayInputStream(("{\"title\": \"" + "y".repeat(1_100_000) + "\"}").getBytes());
        problem(given().contentType(ContentType.JSON).body(chunks).post("/test-probe/bookings").then(),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void domainExceptionKeepsItsCodeAndHeaders() {
        problem(given().get("/test-probe/throttled").then(), 429, "TOO_MANY_REQUESTS")
                .header("Retry-After", equalTo("30"));
    }

    @Test
    void codeWithoutMessagesFallsBackToTheStatusCode() {
        problem(given().get("/test-probe/unknown-code").then(), 409, "CONFLICT");
    }

    @Test
    void aLostDatabaseRaceIsARetryableConflictNotAServerError() {
        String body = problem(given().get("/test-probe/deadlock").then(), 409, "CONCURRENT_CHANGE")
                .header("Retry-After", "1").extract().asString();
        assertThat(body).doesNotContain("deadlock detected", "40P01");
    }

    @Test
    void unexpectedFailureShowsOnlyTheRequestIdAndLogsTheStackTrace() {
        try (LogCapture log = LogCapture.open()) {
            String body = problem(given().header("X-Request-Id", "boom-req-0001").get("/test-probe/boom").then(),
                    500, "INTERNAL_ERROR")
                    .body("requestId", equalTo("boom-req-0001"))
                    .body("detail", containsString("boom-req-0001"))
                    .extract().asString();
            assertThat(body).doesNotContain("SELECT", "11010519491231002X", "IllegalStateException", "at org.");
            assertThat(log.lines()).anySatisfy(line -> {
                assertThat(line.requestId()).isEqualTo("boom-req-0001");
                assertThat(line.thrown()).isInstanceOf(IllegalStateException.class);
            });
        }
    }
}
