package org.minzheng.eldercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestPolicies;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;

/** Canteens publish weekday lunch menus: their own counter staff or an administrator, for workdays not yet past. */
@QuarkusTest
class MealMenuTest {

    @Inject
    BookingFixtures fixtures;
    @Inject
    MealFixtures meals;

    @Test
    void theCanteensCounterPublishesAndReplacesAWorkdaysMenuAndAnyoneReadsIt() {
        List<LocalDate> days = meals.days(true);
        long canteen = meals.canteen();
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(canteen), List.of());
        MealFixtures.publish(counter.as(), canteen, days.get(1), "16.50", true, "3.00").then().statusCode(200)
                .body("dishes", contains("清蒸鲈鱼", "番茄炒蛋", "米饭")).body("priceCny", equalTo(16.5f))
                .body("deliveryOffered", equalTo(true)).body("deliveryFeeCny", equalTo(3.0f));
        MealFixtures.publish(counter.as(), canteen, days.get(0), "15.00", false, null).then().statusCode(200)
                .body("deliveryFeeCny", equalTo(0.0f));
        counter.as().contentType(ContentType.JSON).body(Map.of("dishes", List.of(" 白切鸡 ", "青菜"), "priceCny", "17",
                "deliveryOffered", false)).put("/api/v1/staff/eldercare/canteens/" + canteen + "/menus/" + days.get(1))
                .then().statusCode(200).body("dishes", contains("白切鸡", "青菜")).body("deliveryOffered", equalTo(false));

        RestAssured.given().queryParam("from", days.get(0).toString()).queryParam("to", days.get(1).toString())
                .get("/api/v1/eldercare/canteens/" + canteen + "/menus").then().statusCode(200)
                .body("", hasSize(2)).body("day", contains(days.get(0).toString(), days.get(1).toString()))
                .body("[1].priceCny", equalTo(17.0f)).body("[1].dishes", contains("白切鸡", "青菜"));
        RestAssured.given().queryParam("from", days.get(0).toString()).queryParam("to", days.get(0).plusDays(31).toString())
                .get("/api/v1/eldercare/canteens/" + canteen + "/menus").then().statusCode(400)
                .body("code", equalTo("INVALID_DATE_RANGE"));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'MEAL_MENU_PUBLISHED' AND actor_id = '"
                + counter.id() + "'")).isEqualTo(3);
    }

    @Test
    void onlyWorkdaysNotYetPastAtAPointServingMealsByItsOwnStaff() {
        long canteen = meals.canteen();
        LocalDate workday = meals.days(true).get(0);
        Logins.Session admin = Logins.admin();
        MealFixtures.publish(admin.as(), canteen, meals.days(false).get(0), "15.00", false, null).then().statusCode(409)
                .body("code", equalTo("NOT_A_WORKDAY"));
        MealFixtures.publish(admin.as(), canteen, BookingFixtures.today().minusDays(1), "15.00", false, null).then()
                .statusCode(409).body("code", equalTo("MENU_DAY_PASSED"));
        long office = fixtures.servicePoint(TestPolicies.VISIT);
        MealFixtures.publish(admin.as(), office, workday, "15.00", false, null).then().statusCode(409)
                .body("code", equalTo("SERVICE_TYPE_NOT_OFFERED"));
        RestAssured.given().get("/api/v1/eldercare/canteens/" + office + "/menus").then().statusCode(409)
                .body("code", equalTo("SERVICE_TYPE_NOT_OFFERED"));

        Logins.Session elsewhere = Logins.newStaff(List.of("COUNTER"), List.of(meals.canteen()), List.of());
        MealFixtures.publish(elsewhere.as(), canteen, workday, "15.00", false, null).then().statusCode(403)
                .body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(canteen), List.of("NANSHAN"));
        MealFixtures.publish(caseworker.as(), canteen, workday, "15.00", false, null).then().statusCode(403);
        MealFixtures.publish(fixtures.verifiedResidents(1).get(0).as(), canteen, workday, "15.00", false, null).then()
                .statusCode(403);
        RestAssured.given().get("/api/v1/eldercare/canteens/" + canteen + "/menus").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aMenuIsShortDishesWithANonNegativePriceAndAFeeOnlyWithDelivery() {
        long canteen = meals.canteen();
        LocalDate workday = meals.days(true).get(0);
        Logins.Session admin = Logins.admin();
        MealFixtures.publish(admin.as(), canteen, workday, "-1", false, null).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        MealFixtures.publish(admin.as(), canteen, workday, "15.001", false, null).then().statusCode(400);
        MealFixtures.publish(admin.as(), canteen, workday, "15.00", false, "2.00").then().statusCode(400)
                .body("errors[0].field", equalTo("deliveryFeeCny")).body("errors[0].code", equalTo("WITHOUT_DELIVERY"));
        for (List<String> dishes : List.of(List.<String>of(), Collections.nCopies(11, "米饭"), List.of("菜".repeat(51)),
                List.of("米饭\n"))) {
            admin.as().contentType(ContentType.JSON).body(Map.of("dishes", dishes, "priceCny", "15", "deliveryOffered", false))
                    .put("/api/v1/staff/eldercare/canteens/" + canteen + "/menus/" + workday).then().statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        admin.as().contentType(ContentType.JSON).body(Map.of("dishes", Collections.nCopies(10, "菜".repeat(50)), "priceCny", "0",
                "deliveryOffered", false)).put("/api/v1/staff/eldercare/canteens/" + canteen + "/menus/" + workday)
                .then().statusCode(200).body("dishes", hasSize(10));
    }
}
