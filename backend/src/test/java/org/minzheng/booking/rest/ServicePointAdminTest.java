package org.minzheng.booking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.minzheng.booking.SupplyFixtures.point;
import static org.minzheng.booking.SupplyFixtures.pointBody;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ServicePointAdminTest {

    @Test
    void createReadUpdateDeactivateAllAudited() {
        Logins.Session admin = Logins.admin();
        Map<String, Object> body = pointBody("MARRIAGE_REGISTRATION", "CEREMONY", "CEREMONY");
        long id = admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/service-points").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/admin/service-points/"))
                .body("kind", equalTo("OFFICE")).body("active", equalTo(true))
                .body("serviceTypes", contains("CEREMONY", "MARRIAGE_REGISTRATION"))
                .body("address", equalTo("深圳市南山区常兴路163号"))
                .extract().jsonPath().getLong("id");
        admin.as().get("/api/v1/admin/service-points/" + id).then().statusCode(200).body("version", equalTo(0));
        given().get("/api/v1/service-points/" + id).then().statusCode(200).body("name", equalTo(body.get("name")))
                .body("active", nullValue()).body("version", nullValue());

        body.put("name", "南山区婚姻登记处（新址）");
        body.put("phone", null);
        admin.as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/service-points/" + id).then()
                .statusCode(200).body("name", equalTo("南山区婚姻登记处（新址）")).body("phone", nullValue())
                .body("active", equalTo(true)).body("version", equalTo(1));

        body.put("active", false);
        admin.as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/service-points/" + id).then()
                .statusCode(200).body("active", equalTo(false));
        given().get("/api/v1/service-points/" + id).then().statusCode(404).body("code", equalTo("SERVICE_POINT_NOT_FOUND"));
        admin.as().get("/api/v1/admin/service-points/" + id).then().statusCode(200).body("active", equalTo(false));

        admin.as().queryParam("subject", "service-point:" + id).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.action", contains("SERVICE_POINT_DEACTIVATED", "SERVICE_POINT_UPDATED", "SERVICE_POINT_CREATED"))
                .body("items[0].actorKind", equalTo("STAFF"));
    }

    @Test
    void gatesBelongToTheirCemeteryOneLevelDeep() {
        Logins.Session admin = Logins.admin();
        String street = "S" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> cemetery = pointBody("PROXY_SWEEPING");
        cemetery.put("kind", "CEMETERY");
        cemetery.put("streetCode", street);
        long cemeteryId = admin.as().contentType(ContentType.JSON).body(cemetery).post("/api/v1/admin/service-points")
                .then().statusCode(201).body("siteId", nullValue()).extract().jsonPath().getLong("id");
        Map<String, Object> gate = pointBody("TOMB_SWEEPING");
        gate.put("kind", "CEMETERY_GATE");
        gate.put("siteId", cemeteryId);
        gate.put("streetCode", street);
        long gateId = admin.as().contentType(ContentType.JSON).body(gate).post("/api/v1/admin/service-points")
                .then().statusCode(201).body("siteId", equalTo((int) cemeteryId)).extract().jsonPath().getLong("id");

        gate.put("siteId", gateId); // a gate cannot be a site
        admin.as().contentType(ContentType.JSON).body(gate).post("/api/v1/admin/service-points").then()
                .statusCode(400).body("errors[0].field", equalTo("siteId")).body("errors[0].code", equalTo("INVALID_SITE"));
        cemetery.put("siteId", cemeteryId); // nor a point its own site
        admin.as().contentType(ContentType.JSON).body(cemetery).put("/api/v1/admin/service-points/" + cemeteryId).then()
                .statusCode(400).body("errors[0].code", equalTo("INVALID_SITE"));
        Map<String, Object> other = pointBody("PROXY_SWEEPING");
        other.put("kind", "CEMETERY");
        long otherId = admin.as().contentType(ContentType.JSON).body(other).post("/api/v1/admin/service-points")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        cemetery.put("siteId", otherId); // a site with gates cannot join another site
        admin.as().contentType(ContentType.JSON).body(cemetery).put("/api/v1/admin/service-points/" + cemeteryId).then()
                .statusCode(400).body("errors[0].code", equalTo("INVALID_SITE"));
        admin.as().queryParam("kind", "CEMETERY").queryParam("street", street).get("/api/v1/admin/service-points").then()
                .statusCode(200).body("items.id", contains((int) cemeteryId));
        admin.as().queryParam("kind", "CEMETERY_GATE").queryParam("street", street).get("/api/v1/admin/service-points").then()
                .statusCode(200).body("items.id", contains((int) gateId));
        gate.put("siteId", 999_999_999L);
        admin.as().contentType(ContentType.JSON).body(gate).post("/api/v1/admin/service-points").then()
                .statusCode(400).body("errors[0].code", equalTo("INVALID_SITE"));
    }

    @Test
    void aStaleVersionIsRefused() {
        Logins.Session admin = Logins.admin();
        long id = point(admin, "CEREMONY");
        Map<String, Object> body = pointBody("CEREMONY");
        body.put("version", 0);
        admin.as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/service-points/" + id).then().statusCode(200);
        admin.as().contentType(ContentType.JSON).body(body).put("/api/v1/admin/service-points/" + id).then()
                .statusCode(409).body("code", equalTo("STALE_VERSION"));
    }

    @Test
    void residentsSeeActivePointsByServiceTypeAndStreetWithoutSigningIn() {
        Logins.Session admin = Logins.admin();
        String street = "T" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> canteen = pointBody("ELDERLY_MEAL");
        canteen.put("kind", "CANTEEN");
        canteen.put("streetCode", street);
        long open = created(admin, canteen);
        Map<String, Object> counseling = pointBody("COUNSELING");
        counseling.put("streetCode", street);
        long other = created(admin, counseling);
        long closed = created(admin, canteen);
        canteen.put("active", false);
        admin.as().contentType(ContentType.JSON).body(canteen).put("/api/v1/admin/service-points/" + closed).then()
                .statusCode(200);

        given().queryParam("street", street).get("/api/v1/service-points").then().statusCode(200)
                .body("items.id", contains((int) open, (int) other));
        given().queryParam("street", street).queryParam("serviceType", "ELDERLY_MEAL").get("/api/v1/service-points")
                .then().statusCode(200).body("items.id", contains((int) open)).body("items[0].kind", equalTo("CANTEEN"));
        given().queryParam("serviceType", "ELDERLY_MEAL").queryParam("limit", 100).get("/api/v1/service-points").then()
                .statusCode(200).body("items.id", not(hasItem((int) closed)))
                .body("items.serviceTypes", everyItem(hasItem("ELDERLY_MEAL")));
        admin.as().queryParam("street", street).get("/api/v1/admin/service-points").then().statusCode(200)
                .body("items.id", contains((int) open, (int) other, (int) closed));
        admin.as().queryParam("street", street).queryParam("active", false).get("/api/v1/admin/service-points").then()
                .statusCode(200).body("items.id", contains((int) closed));
        given().queryParam("serviceType", "lower-case").get("/api/v1/service-points").then().statusCode(400)
                .body("errors.field", hasItem("serviceType"));
        given().get("/api/v1/service-points/999999999").then().statusCode(404);
    }

    @Test
    void listsAreCursorPaged() {
        Logins.Session admin = Logins.admin();
        String street = "P" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = pointBody("CEREMONY");
        body.put("streetCode", street);
        for (int i = 0; i < 3; i++) {
            created(admin, body);
        }
        var first = given().queryParam("street", street).queryParam("limit", 2).get("/api/v1/service-points").then()
                .statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().jsonPath();
        given().queryParam("street", street).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/service-points").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", greaterThan(first.getInt("items[1].id"))).body("nextCursor", nullValue());
        admin.as().queryParam("street", street).queryParam("limit", 2).get("/api/v1/admin/service-points").then()
                .statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue());
        admin.as().queryParam("cursor", "nonsense!").get("/api/v1/admin/service-points").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void invalidFieldsAreNamed() {
        Map<String, Object> body = pointBody("marriage", "OK_TYPE");
        body.put("name", " ");
        body.put("streetCode", "南山街道");
        body.put("latitude", 91.0);
        body.put("longitude", -181.0);
        body.put("phone", "call me");
        body.put("address", null);
        Logins.admin().as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/service-points").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("name", "streetCode", "latitude", "longitude", "phone", "address",
                        "serviceTypes[0]"));

        Map<String, Object> half = pointBody("CEREMONY");
        half.remove("longitude");
        Logins.admin().as().contentType(ContentType.JSON).body(half).post("/api/v1/admin/service-points").then()
                .statusCode(400).body("errors[0].field", equalTo("longitude"))
                .body("errors[0].code", equalTo("COORDINATES_INCOMPLETE"));

        Map<String, Object> kind = pointBody("CEREMONY");
        kind.put("kind", "CASINO");
        Logins.admin().as().contentType(ContentType.JSON).body(kind).post("/api/v1/admin/service-points").then()
                .statusCode(400).body("errors.field", hasItem("kind"));
    }

    @Test
    void onlyAdministratorsManagePoints() {
        long id = point(Logins.admin(), "CEREMONY");
        Logins.Session resident = Logins.newResident();
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(id), List.of());
        for (Logins.Session someone : List.of(resident, counter)) {
            someone.as().contentType(ContentType.JSON).body(pointBody("CEREMONY")).post("/api/v1/admin/service-points")
                    .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
            someone.as().get("/api/v1/admin/service-points").then().statusCode(403);
            someone.as().contentType(ContentType.JSON).body(pointBody("CEREMONY"))
                    .put("/api/v1/admin/service-points/" + id).then().statusCode(403);
        }
        given().get("/api/v1/admin/service-points").then().statusCode(401);
    }

    private static long created(Logins.Session admin, Map<String, Object> body) {
        return admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/service-points").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }
}
