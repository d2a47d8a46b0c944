package org.minzheng.eldercare;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.booking.repository.ServicePointRepository;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The elder-care network nearest first, with distances computed by the database from an index scan. */
@QuarkusTest
class ElderCareNetworkTest {

    /** Far from every other test's points (the southern Pacific), so only this test's points are near. */
    private static final double LAT = -45.0;
    private static final double LNG = -120.0;

    @Inject
    BookingFixtures fixtures;

    private static long point(Logins.Session admin, String kind, String name, double lat, double lng, List<String> services) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("name", name);
        body.put("streetCode", "NANSHAN");
        body.put("address", "测试地址");
        body.put("latitude", lat);
        body.put("longitude", lng);
        body.put("openingHours", "周一至周五 08:30-17:30");
        body.put("serviceTypes", services);
        return admin.as().contentType(ContentType.JSON).body(body).post("/api/v1/admin/service-points").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Great-circle distance by the haversine formula, independently of the database. */
    private static double haversine(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
    }

    @Test
    void theNearestPlacesComeFirstWithTheirDistances() {
        Logins.Session admin = Logins.admin();
        long station = point(admin, "ELDER_CARE_STATION", "社区长者服务站", LAT + 0.01, LNG, List.of("DAY_CARE", "ELDERLY_MEAL"));
        long centre = point(admin, "ELDER_CARE_CENTRE", "街道长者服务中心", LAT, LNG + 0.03, List.of("ELDERLY_MEAL", "RESPITE_CARE"));
        long neighbourhood = point(admin, "ELDER_CARE_POINT", "小区长者服务点", LAT - 0.001, LNG + 0.001, List.of("DAY_CARE"));
        point(admin, "OFFICE", "婚姻登记处", LAT, LNG, List.of("MARRIAGE_REGISTRATION")); // nearest, not elder care
        long closed = point(admin, "ELDER_CARE_POINT", "已停用的服务点", LAT + 0.0001, LNG, List.of("DAY_CARE"));
        Map<String, Object> off = new HashMap<>(Map.of("kind", "ELDER_CARE_POINT", "name", "已停用的服务点", "streetCode", "NANSHAN",
                "address", "测试地址", "latitude", LAT + 0.0001, "longitude", LNG, "serviceTypes", List.of("DAY_CARE"), "active", false));
        admin.as().contentType(ContentType.JSON).body(off).put("/api/v1/admin/service-points/" + closed).then().statusCode(200);

        JsonPath near = given().queryParam("lat", LAT).queryParam("lng", LNG).queryParam("limit", 3)
                .get("/api/v1/eldercare/service-points").then().statusCode(200).extract().jsonPath();
        assertThat(near.getList("id", Long.class)).containsExactly(neighbourhood, station, centre);
        assertThat(near.getList("kind", String.class))
                .containsExactly("ELDER_CARE_POINT", "ELDER_CARE_STATION", "ELDER_CARE_CENTRE");
        assertThat(near.getLong("[0].distanceMeters"))
                .isCloseTo(Math.round(haversine(LAT, LNG, LAT - 0.001, LNG + 0.001)), org.assertj.core.data.Offset.offset(1L));
        assertThat(near.getLong("[1].distanceMeters")).isCloseTo(1112L, org.assertj.core.data.Offset.offset(1L)); // 0.01° of latitude
        assertThat(near.getLong("[2].distanceMeters"))
                .isCloseTo(Math.round(haversine(LAT, LNG, LAT, LNG + 0.03)), org.assertj.core.data.Offset.offset(1L));
        assertThat(near.getString("[0].openingHours")).isEqualTo("周一至周五 08:30-17:30");

        // by service: the meal places only, still nearest first; from elsewhere, the order follows
        given().queryParam("lat", LAT).queryParam("lng", LNG).queryParam("service", "ELDERLY_MEAL").queryParam("limit", 2)
                .get("/api/v1/eldercare/service-points").then().statusCode(200)
                .body("id", equalTo(List.of((int) station, (int) centre)));
        given().queryParam("lat", LAT).queryParam("lng", LNG + 0.03).queryParam("limit", 1)
                .get("/api/v1/eldercare/service-points").then().statusCode(200)
                .body("[0].id", equalTo((int) centre)).body("[0].distanceMeters", equalTo(0));
        given().queryParam("lat", 91).queryParam("lng", LNG).get("/api/v1/eldercare/service-points").then().statusCode(400);
        given().queryParam("lng", LNG).get("/api/v1/eldercare/service-points").then().statusCode(400);
    }

    @Test
    void theNearestPlacesComeInTheIndexOrderWithoutSortingATable() {
        String query = ServicePointRepository.NEAREST.replace(":radius", "6371008.8").replace(":x", "0.5")
                .replace(":y", "0.5").replace(":z", "0.7071").replace(":kinds", "'ELDER_CARE_CENTRE', 'ELDER_CARE_POINT'")
                .replace(":service", "'DAY_CARE'").replace(":limit", "20");
        String plan = fixtures.planPreferringIndexOrder(query);
        assertThat(plan).contains("Index Scan using service_point_nearest").doesNotContain("Sort");
    }
}
