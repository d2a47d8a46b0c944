package org.minzheng.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PingResourceTest {

    @Test
    void answersNoContentWithoutSigningInThroughTheUsualFilters() {
        given().get("/api/v1/ping").then().statusCode(204)
                .body(emptyString())
                .header(RequestIdFilter.HEADER, notNullValue());
    }
}
