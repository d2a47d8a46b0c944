package org.minzheng.identity.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class StaffAdminTest {

    private static Map<String, Object> newStaff(String username, List<String> roles) {
        return Map.of("username", username, "displayName", "测试员", "password", "a long enough password",
                "scope", Map.of("roles", roles, "servicePointIds", List.of(3, 1), "streetCodes", List.of("NANTOU")));
    }

    @Test
    void createRescopeDisableEnableResetAllAudited() {
        Logins.Session admin = Logins.admin();
        String username = "caseworker-" + UUID.randomUUID().toString().substring(0, 6);
        long id = admin.as().contentType(ContentType.JSON).body(newStaff(username, List.of("CASEWORKER")))
                .post("/api/v1/admin/staff").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/admin/staff/"))
                .body("roles", contains("CASEWORKER")).body("servicePointIds", contains(1, 3))
                .body("passwordHash", nullValue()).body("password", nullValue())
                .extract().jsonPath().getLong("id");

        admin.as().contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("CASEWORKER", "APPROVER"), "servicePointIds", List.of(), "streetCodes", List.of("SHEKOU")))
                .put("/api/v1/admin/staff/" + id + "/scope").then().statusCode(200)
                .body("roles", contains("APPROVER", "CASEWORKER")).body("streetCodes", contains("SHEKOU"));

        // the new scope is in the next token
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "a long enough password"))
                .post("/api/v1/auth/staff/login").then().statusCode(200);

        admin.as().post("/api/v1/admin/staff/" + id + "/disable").then().statusCode(200).body("disabled", equalTo(true));
        admin.as().post("/api/v1/admin/staff/" + id + "/enable").then().statusCode(200).body("disabled", equalTo(false));
        admin.as().contentType(ContentType.JSON).body(Map.of("password", "another long password"))
                .put("/api/v1/admin/staff/" + id + "/password").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "another long password"))
                .post("/api/v1/auth/staff/login").then().statusCode(200);

        admin.as().queryParam("subject", "staff:" + id).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", contains("STAFF_PASSWORD_RESET", "STAFF_ENABLED", "STAFF_DISABLED",
                        "STAFF_RESCOPED", "STAFF_CREATED"))
                .body("items[0].actorKind", equalTo("STAFF"))
                .body("items[0].requestId", notNullValue());
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        Logins.Session admin = Logins.admin();
        String username = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        admin.as().contentType(ContentType.JSON).body(newStaff(username, List.of("COUNTER"))).post("/api/v1/admin/staff")
                .then().statusCode(201);
        admin.as().contentType(ContentType.JSON).body(newStaff(username.toUpperCase(), List.of("COUNTER")))
                .post("/api/v1/admin/staff").then().statusCode(409).body("code", equalTo("USERNAME_TAKEN"));
    }

    @Test
    void weakPasswordsAndUnknownRolesAreRefused() {
        Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("username", "weak-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "x",
                        "password", "short", "scope", Map.of("roles", List.of("COUNTER"), "servicePointIds", List.of(),
                                "streetCodes", List.of())))
                .post("/api/v1/admin/staff").then().statusCode(400).body("errors.field", hasItem("password"));
        Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("username", "role-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "x",
                        "password", "a long enough password", "scope", Map.of("roles", List.of("SUPERUSER"),
                                "servicePointIds", List.of(), "streetCodes", List.of())))
                .post("/api/v1/admin/staff").then().statusCode(400);
    }

    @Test
    void theLastActiveAdministratorStays() {
        Logins.Session admin = Logins.admin();
        String second = "admin2-" + UUID.randomUUID().toString().substring(0, 6);
        long secondId = admin.as().contentType(ContentType.JSON).body(newStaff(second, List.of("ADMIN")))
                .post("/api/v1/admin/staff").then().statusCode(201).extract().jsonPath().getLong("id");
        var accounts = admin.as().queryParam("limit", 100).get("/api/v1/admin/staff").then().extract().jsonPath();
        long adminId = accounts.getLong("items.find { it.username == 'admin' }.id");

        // with another active administrator, one may go
        admin.as().post("/api/v1/admin/staff/" + secondId + "/disable").then().statusCode(200);
        // now leave the bootstrap admin as the only active one: disable every other active administrator
        for (Object other : accounts.getList("items.findAll { it.roles.contains('ADMIN') && !it.disabled && it.username != 'admin' }.id")) {
            admin.as().post("/api/v1/admin/staff/" + other + "/disable").then().statusCode(200);
        }
        admin.as().post("/api/v1/admin/staff/" + adminId + "/disable").then().statusCode(409)
                .body("code", equalTo("LAST_ADMIN"));
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("COUNTER"), "servicePointIds", List.of(), "streetCodes", List.of()))
                .put("/api/v1/admin/staff/" + adminId + "/scope").then().statusCode(409).body("code", equalTo("LAST_ADMIN"));
        // an enabled second administrator makes it possible again
        admin.as().post("/api/v1/admin/staff/" + secondId + "/enable").then().statusCode(200);
        admin.as().contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("ADMIN", "COUNTER"), "servicePointIds", List.of(), "streetCodes", List.of()))
                .put("/api/v1/admin/staff/" + adminId + "/scope").then().statusCode(200);
    }

    @Test
    void listIsCursorPaged() {
        Logins.Session admin = Logins.admin();
        for (int i = 0; i < 3; i++) {
            admin.as().contentType(ContentType.JSON)
                    .body(newStaff("page-" + UUID.randomUUID().toString().substring(0, 6), List.of("COUNTER")))
                    .post("/api/v1/admin/staff").then().statusCode(201);
        }
        var first = admin.as().queryParam("limit", 2).get("/api/v1/admin/staff").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().jsonPath();
        admin.as().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor")).get("/api/v1/admin/staff")
                .then().statusCode(200).body("items[0].id", org.hamcrest.Matchers.greaterThan(first.getInt("items[1].id")));
        admin.as().queryParam("cursor", "garbage!").get("/api/v1/admin/staff").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
        admin.as().queryParam("limit", 1000).get("/api/v1/admin/staff").then().statusCode(400)
                .body("code", equalTo("INVALID_LIMIT"));
    }

    @Test
    void onlyAdministrators() {
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(1L), List.of());
        counter.as().get("/api/v1/admin/staff").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        counter.as().get("/api/v1/admin/audit").then().statusCode(403);
    }
}
