package org.minzheng.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Signs people in through the real API (and wechat-sim) for tests. */
public final class Logins {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    public record Session(long id, String accessToken, String refreshToken) {
        public RequestSpecification as() {
            return given().auth().oauth2(accessToken);
        }
    }

    private Logins() {
    }

    /** A new resident (a fresh WeChat user), signed in. */
    public static Session newResident() {
        return resident("u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public static Session resident(String wechatUser) {
        var body = given().contentType(ContentType.JSON).body(Map.of("code", WeChatSim.loginCode(wechatUser)))
                .post("/api/v1/auth/wechat").then().statusCode(200).extract().jsonPath();
        Session session = new Session(0, body.getString("accessToken"), body.getString("refreshToken"));
        long id = session.as().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getLong("id");
        return new Session(id, session.accessToken(), session.refreshToken());
    }

    /** A new resident who verified a real name with a fresh fictional ID number. */
    public static Session verifiedResident(String name, String idNumber) {
        Session session = newResident();
        session.as().contentType(ContentType.JSON).body(Map.of("name", name, "idNumber", idNumber))
                .put("/api/v1/me/identity").then().statusCode(200);
        return session;
    }

    public static Session admin() {
        return staff(ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    public static Session staff(String username, String password) {
        var body = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/staff/login").then().statusCode(200).extract().jsonPath();
        return new Session(0, body.getString("accessToken"), body.getString("refreshToken"));
    }

    /** A staff account made through the admin API, with what its owner types to sign in. */
    public record Account(long id, String username, String password) {
    }

    public static Account newStaffAccount(List<String> roles, List<Long> servicePoints, List<String> streets) {
        String username = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        long id = admin().as().contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "测试员", "password", password,
                        "scope", Map.of("roles", roles, "servicePointIds", servicePoints, "streetCodes", streets)))
                .post("/api/v1/admin/staff").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Account(id, username, password);
    }

    /** Creates a staff account through the admin API and signs it in. */
    public static Session newStaff(List<String> roles, List<Long> servicePoints, List<String> streets) {
        Account account = newStaffAccount(roles, servicePoints, streets);
        Session session = staff(account.username(), account.password());
        return new Session(account.id(), session.accessToken(), session.refreshToken());
    }
}
