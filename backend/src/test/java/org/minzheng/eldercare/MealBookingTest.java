package org.minzheng.eldercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.ElderVerifications;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * 长者助餐 through the real API: family members book an elder's lunch through the booking engine, priced by the
 * elder's subsidy tier; the cut-off on the day; a full lunch under parallel bookings; serving at the canteen.
 */
@QuarkusTest
class MealBookingTest {

    @Inject
    BookingFixtures fixtures;
    @Inject
    MealFixtures meals;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static JsonPath quote(BookingFixtures.Resident family, long slot, long person, String mode) {
        return quoteOf(family, slot, person, mode).then().statusCode(200).extract().jsonPath();
    }

    private static Response quoteOf(BookingFixtures.Resident family, long slot, long person, String mode) {
        return family.as().queryParam("slotId", slot).queryParam("person", person).queryParam("mode", mode)
                .get("/api/v1/me/eldercare/meals/quote");
    }

    private static ValidatableResponse book(BookingFixtures.Resident family, long slot, long person, Map<String, Object> details) {
        return family.as().contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "self", false, "dependantIds", List.of(person), "details", details))
                .post("/api/v1/me/bookings").then();
    }

    private static ValidatableResponse book(BookingFixtures.Resident family, long slot, long person) {
        return book(family, slot, person, Map.of("mode", "DINE_IN"));
    }

    /** The price stored with a booking, as its booker reads it. */
    private static Map<String, Object> stored(BookingFixtures.Resident family, LocalDate day, long bookingId) {
        return family.as().queryParam("from", day.toString()).queryParam("to", day.toString()).get("/api/v1/me/eldercare/meals")
                .then().statusCode(200).extract().jsonPath().getMap("find { it.booking.id == " + bookingId + " }.price");
    }

    private static BigDecimal cny(Object amount) {
        return new BigDecimal(amount.toString());
    }

    /** The amounts quoted equal those stored with the booking, and their tier. */
    private static void assertStoredAsQuoted(Map<String, Object> stored, JsonPath quote) {
        for (String amount : List.of("basePriceCny", "subsidyCny", "deliveryFeeCny", "priceCny")) {
            assertThat(cny(stored.get(amount))).as(amount).isEqualByComparingTo(cny(quote.get(amount)));
        }
        assertThat(stored.get("tier")).isEqualTo(quote.getString("tier"));
    }

    @Test
    void thePriceFollowsTheElderlysTierAndIsStoredAsQuoted() {
        LocalDate day = meals.days(true).get(1);
        long canteen = meals.canteen();
        long lunch = meals.lunch(canteen, day, 10);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "18.00", false, null).then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);

        MealFixtures.Elder centenarian = meals.elder(family, 100);
        MealFixtures.Elder verified = meals.elder(family, 75);
        MealFixtures.Elder declared = meals.elder(family, 75);
        MealFixtures.Elder sixtyFive = meals.elder(family, 65);
        MealFixtures.Elder fiftyNine = meals.elder(family, 59);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("NANSHAN"));
        ElderVerifications.verify(family, verified.id(), caseworker, "NANSHAN", "440305", "NONE");
        family.as().contentType(ContentType.JSON).queryParam("person", declared.id())
                .body(Map.of("hukouRegion", "440305", "disability", "NONE")).put("/api/v1/me/eldercare/profile")
                .then().statusCode(200).body("verified", equalTo(false));

        record Expected(MealFixtures.Elder elder, String tier, String subsidy, String price) {
        }
        for (Expected e : List.of(new Expected(centenarian, "KEY_GROUPS", "15", "3"),
                new Expected(verified, "HUKOU_70_99", "5", "13"),
                new Expected(declared, "HUKOU_70_99", "0", "18"),
                new Expected(sixtyFive, "FULL_PRICE", "0", "18"))) {
            JsonPath quote = quote(family, lunch, e.elder().id(), "DINE_IN");
            assertThat(quote.getString("tier")).as(e.tier()).isEqualTo(e.tier());
            assertThat(cny(quote.get("basePriceCny"))).isEqualByComparingTo("18");
            assertThat(cny(quote.get("subsidyCny"))).as(e.tier() + " subsidy").isEqualByComparingTo(e.subsidy());
            assertThat(cny(quote.get("deliveryFeeCny"))).isEqualByComparingTo("0");
            assertThat(cny(quote.get("priceCny"))).as(e.tier() + " price").isEqualByComparingTo(e.price());
            long id = book(family, lunch, e.elder().id()).statusCode(201).extract().jsonPath().getLong("id");
            assertStoredAsQuoted(stored(family, day, id), quote);
        }
        // declared but not yet verified: full price, and the reason says why
        JsonPath unverified = quote(family, lunch, declared.id(), "DINE_IN");
        assertThat(unverified.getBoolean("provisional")).isTrue();
        assertThat(unverified.getString("reason")).contains("待工作人员核验", "核验前按原价");

        quoteOf(family, lunch, fiftyNine.id(), "DINE_IN").then().statusCode(422).body("code", equalTo("NOT_ELIGIBLE"));
        book(family, lunch, fiftyNine.id()).statusCode(422).body("code", equalTo("NOT_ELIGIBLE"));
        assertThat(fixtures.booked(lunch)).isEqualTo(4);
        // the tier hints at relief status: sealed at rest
        assertThat(fixtures.count("SELECT count(*) FROM meal_order WHERE position(convert_to('KEY_GROUPS', 'UTF8') IN tier_enc) > 0"))
                .isZero();
        fixtures.assertInvariants(lunch);
    }

    /** The rates are data: an administrator's change of a subsidy prices the next quote (and is put back after). */
    @Test
    void anAdministratorsNewSubsidyPricesTheNextMeal() {
        LocalDate day = meals.days(true).get(0);
        long canteen = meals.canteen();
        long lunch = meals.lunch(canteen, day, 3);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "18.00", false, null).then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long centenarian = meals.elder(family, 100).id();
        Logins.Session admin = Logins.admin();
        JsonPath services = admin.as().get("/api/v1/admin/eldercare/services").then().statusCode(200).extract().jsonPath();
        String name = services.getString("find { it.code == 'MEAL' }.name");
        List<Map<String, Object>> tiers = services.getList("find { it.code == 'MEAL' }.tiers");
        List<Map<String, Object>> raised = tiers.stream().map(tier -> {
            Map<String, Object> copy = new HashMap<>(tier);
            if ("KEY_GROUPS".equals(tier.get("code"))) {
                copy.put("subsidyCny", 16);
            }
            return copy;
        }).toList();
        try {
            admin.as().contentType(ContentType.JSON).body(Map.of("name", name, "tiers", raised))
                    .put("/api/v1/admin/eldercare/services/MEAL").then().statusCode(200);
            assertThat(cny(quote(family, lunch, centenarian, "DINE_IN").get("priceCny"))).isEqualByComparingTo("2");
        } finally {
            admin.as().contentType(ContentType.JSON).body(Map.of("name", name, "tiers", tiers))
                    .put("/api/v1/admin/eldercare/services/MEAL").then().statusCode(200);
        }
        assertThat(cny(quote(family, lunch, centenarian, "DINE_IN").get("priceCny"))).isEqualByComparingTo("3");
    }

    @Test
    void aBookingNamingTheQuotedPriceIsRefusedWhenTheMenuChangedSince() {
        LocalDate day = meals.days(true).get(0);
        long canteen = meals.canteen();
        long lunch = meals.lunch(canteen, day, 3);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "18.00", false, null).then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long elder = meals.elder(family, 65).id();
        Object quoted = quote(family, lunch, elder, "DINE_IN").get("priceCny");
        MealFixtures.publish(Logins.admin().as(), canteen, day, "20.00", false, null).then().statusCode(200);
        book(family, lunch, elder, Map.of("mode", "DINE_IN", "expectedPriceCny", quoted)).statusCode(409)
                .body("code", equalTo("PRICE_CHANGED")).body("detail", org.hamcrest.Matchers.containsString("20"));
        assertThat(fixtures.activeBookingsOf(family.id())).isZero();
        book(family, lunch, elder, Map.of("mode", "DINE_IN", "expectedPriceCny", 20)).statusCode(201);
        fixtures.assertInvariants(lunch);
    }

    @Test
    void theSubsidyNeverExceedsTheMealAndDeliveryOnlyWhereOfferedWithItsFee() {
        List<LocalDate> days = meals.days(true);
        LocalDate day = days.get(0);
        long delivering = meals.canteen();
        long lunch = meals.lunch(delivering, day, 10);
        MealFixtures.publish(Logins.admin().as(), delivering, day, "10.00", true, "4.50").then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long centenarian = meals.elder(family, 100).id();

        JsonPath dineIn = quote(family, lunch, centenarian, "DINE_IN");
        assertThat(cny(dineIn.get("subsidyCny"))).isEqualByComparingTo("10");
        assertThat(cny(dineIn.get("priceCny"))).isEqualByComparingTo("0");
        assertThat(dineIn.getString("reason")).contains("补贴以餐价为限");
        JsonPath delivered = quote(family, lunch, centenarian, "DELIVERY");
        assertThat(cny(delivered.get("subsidyCny"))).isEqualByComparingTo("10");
        assertThat(cny(delivered.get("deliveryFeeCny"))).isEqualByComparingTo("4.50");
        assertThat(cny(delivered.get("priceCny"))).isEqualByComparingTo("4.50");

        book(family, lunch, centenarian, Map.of("mode", "TAKEAWAY")).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("details.mode"));
        book(family, lunch, centenarian, Map.of("mode", "DELIVERY", "note", "x")).statusCode(422)
                .body("code", equalTo("UNKNOWN_DETAIL"));
        long id = book(family, lunch, centenarian, Map.of("mode", "DELIVERY")).statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> stored = stored(family, day, id);
        assertThat(stored).containsEntry("mode", "DELIVERY");
        assertStoredAsQuoted(stored, delivered);
        // a menu replaced later changes what is quoted, not what was booked
        MealFixtures.publish(Logins.admin().as(), delivering, day, "30.00", true, "4.50").then().statusCode(200);
        assertThat(cny(quote(family, lunch, centenarian, "DINE_IN").get("priceCny"))).isEqualByComparingTo("15");
        assertThat(cny(stored(family, day, id).get("priceCny"))).isEqualByComparingTo("4.50");

        long dineInOnly = meals.canteen();
        long other = meals.lunch(dineInOnly, days.get(1), 10);
        quoteOf(family, other, centenarian, "DINE_IN").then().statusCode(409).body("code", equalTo("MENU_NOT_PUBLISHED"));
        book(family, other, centenarian).statusCode(409).body("code", equalTo("MENU_NOT_PUBLISHED"));
        MealFixtures.publish(Logins.admin().as(), dineInOnly, days.get(1), "12.00", false, null).then().statusCode(200);
        quoteOf(family, other, centenarian, "DELIVERY").then().statusCode(409).body("code", equalTo("DELIVERY_NOT_OFFERED"));
        book(family, other, centenarian, Map.of("mode", "DELIVERY")).statusCode(409).body("code", equalTo("DELIVERY_NOT_OFFERED"));
        book(family, other, centenarian).statusCode(201);
        fixtures.assertInvariants(lunch, other);
    }

    @Test
    void oneMealAPersonADayWhereverNotMovedNotQueued() {
        List<LocalDate> days = meals.days(true);
        long a = meals.canteen();
        long b = meals.canteen();
        long lunchA = meals.lunch(a, days.get(0), 1);
        long lunchB = meals.lunch(b, days.get(0), 5);
        long nextDay = meals.lunch(a, days.get(1), 5);
        for (long canteen : List.of(a, b)) {
            MealFixtures.publish(Logins.admin().as(), canteen, days.get(0), "15.00", false, null).then().statusCode(200);
        }
        MealFixtures.publish(Logins.admin().as(), a, days.get(1), "15.00", false, null).then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long elder = meals.elder(family, 80).id();

        long id = book(family, lunchA, elder).statusCode(201).extract().jsonPath().getLong("id");
        book(family, lunchB, elder).statusCode(409).body("code", equalTo("ALREADY_BOOKED"));
        family.as().contentType(ContentType.JSON).body(Map.of("slotId", nextDay)).post("/api/v1/me/bookings/" + id + "/reschedule")
                .then().statusCode(409).body("code", equalTo("RESCHEDULE_NOT_OFFERED"));
        BookingFixtures.Resident other = fixtures.verifiedResidents(1).get(0);
        other.as().contentType(ContentType.JSON)
                .body(Map.of("slotId", lunchA, "self", false, "dependantIds", List.of(meals.elder(other, 70).id())))
                .post("/api/v1/me/waitlist").then().statusCode(409).body("code", equalTo("WAITLIST_NOT_OFFERED"));
        // a meal for oneself, when one is old enough
        Logins.Session elderly = Logins.verifiedResident("王老伯", TestIds.nanshan(
                BookingFixtures.today().minusYears(72).minusDays(30), true));
        elderly.as().contentType(ContentType.JSON).body(Map.of("slotId", lunchB)).post("/api/v1/me/bookings").then()
                .statusCode(201);
        fixtures.assertInvariants(lunchA, lunchB, nextDay);
    }

    @Test
    void mealsTheCanteenDidNotMarkServedNeverSuspendAnElder() {
        List<LocalDate> days = meals.days(true).subList(0, 4);
        long canteen = meals.canteen();
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long elder = meals.elder(family, 80).id();
        List<Long> booked = new java.util.ArrayList<>();
        for (LocalDate day : days) {
            MealFixtures.publish(Logins.admin().as(), canteen, day, "15.00", false, null).then().statusCode(200);
        }
        for (LocalDate day : days.subList(0, 3)) {
            booked.add(book(family, meals.lunch(canteen, day, 5), elder).statusCode(201).extract().jsonPath().getLong("id"));
        }
        // three recorded as no-shows (the engine's default rule would suspend after three)
        fixtures.sql("UPDATE booking SET status = 'NO_SHOW' WHERE id IN (" + booked.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
        book(family, meals.lunch(canteen, days.get(3), 5), elder).statusCode(201);
    }

    @Test
    void bookingAndCancellingCloseAtTheCutOffOnTheDay() {
        LocalDate day = meals.days(true).get(0);
        long canteen = meals.canteen();
        long lunch = meals.lunch(canteen, day, 10);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "15.00", false, null).then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long mother = meals.elder(family, 78).id();
        long father = meals.elder(family, 81).id();
        long first = book(family, lunch, mother).statusCode(201).extract().jsonPath().getLong("id");

        clock.setTo(MealFixtures.at(day, 8, 59));
        family.as().post("/api/v1/me/bookings/" + first + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        long second = book(family, lunch, mother).statusCode(201).extract().jsonPath().getLong("id");

        clock.setTo(MealFixtures.at(day, 9, 0));
        family.as().post("/api/v1/me/bookings/" + second + "/cancel").then().statusCode(409)
                .body("code", equalTo("CANCELLATION_CLOSED"));
        book(family, lunch, father).statusCode(409).body("code", equalTo("OUTSIDE_BOOKING_WINDOW"));
        family.as().get("/api/v1/me/bookings/" + second).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertThat(fixtures.booked(lunch)).isEqualTo(1);
        fixtures.assertInvariants(lunch);
    }

    @Test
    void aFullLunchUnderParallelBookingsSeatsExactlyItsCapacity() throws Exception {
        LocalDate day = meals.days(true).get(2);
        long canteen = meals.canteen();
        long lunch = meals.lunch(canteen, day, 5);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "16.00", false, null).then().statusCode(200);
        List<BookingFixtures.Resident> families = fixtures.verifiedResidents(12);
        List<Callable<Response>> calls = new ArrayList<>();
        for (BookingFixtures.Resident family : families) {
            long elder = meals.elder(family, 70).id();
            calls.add(() -> family.as().contentType(ContentType.JSON)
                    .body(Map.of("slotId", lunch, "self", false, "dependantIds", List.of(elder), "details", Map.of("mode", "DINE_IN")))
                    .post("/api/v1/me/bookings"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Response> responses = new ArrayList<>();
        try {
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(5);
        assertThat(responses).filteredOn(r -> r.statusCode() != 201).hasSize(7)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("code")).isEqualTo("SLOT_FULL"));
        assertThat(fixtures.count("SELECT count(*) FROM meal_order o JOIN booking b ON b.id = o.booking_id WHERE b.slot_id = " + lunch))
                .as("every seat taken has its price, no other").isEqualTo(5);
        fixtures.assertInvariants(lunch);
    }

    @Test
    void onlyTheCanteensCounterServesAndSeesTheDaysMeals() {
        LocalDate day = meals.days(true).get(0);
        long canteen = meals.canteen();
        long elsewhere = meals.canteen();
        long lunch = meals.lunch(canteen, day, 10);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "15.00", true, "3.00").then().statusCode(200);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long elder = meals.elder(family, 100).id();
        String reference = book(family, lunch, elder, Map.of("mode", "DELIVERY")).statusCode(201).extract().jsonPath()
                .getString("reference");
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(canteen), List.of());
        Logins.Session otherCounter = Logins.newStaff(List.of("COUNTER"), List.of(elsewhere), List.of());
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(canteen), List.of("NANSHAN"));
        clock.setTo(MealFixtures.at(day, 11, 40));

        otherCounter.as().queryParam("date", day.toString()).get("/api/v1/staff/eldercare/canteens/" + canteen + "/meals")
                .then().statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        counter.as().queryParam("date", day.toString()).get("/api/v1/staff/eldercare/canteens/" + canteen + "/meals")
                .then().statusCode(200).body("expected", equalTo(1)).body("served", equalTo(0))
                .body("meals", hasSize(1)).body("meals[0].reference", equalTo(reference))
                .body("meals[0].people[0].name", startsWith("长*")).body("meals[0].mode", equalTo("DELIVERY"))
                .body("meals[0].priceCny", equalTo(3.0f)).body("meals[0]", not(hasKey("tier")));

        served(otherCounter, canteen, reference).statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        served(otherCounter, elsewhere, reference).statusCode(409).body("code", equalTo("WRONG_SERVICE_POINT"));
        served(caseworker, canteen, reference).statusCode(403);
        family.as().contentType(ContentType.JSON).body(Map.of("servicePointId", canteen, "code", reference))
                .post("/api/v1/staff/check-ins").then().statusCode(403);
        family.as().get("/api/v1/me/bookings?limit=1").then().body("items[0].status", equalTo("CONFIRMED"));

        served(counter, canteen, reference).statusCode(200).body("result", equalTo("CHECKED_IN"));
        served(counter, canteen, reference).statusCode(200).body("result", equalTo("ALREADY_CHECKED_IN"));
        counter.as().queryParam("date", day.toString()).get("/api/v1/staff/eldercare/canteens/" + canteen + "/meals")
                .then().statusCode(200).body("served", equalTo(1)).body("meals[0].status", equalTo("CHECKED_IN"));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'BOOKING_CHECKED_IN' AND actor_id = '"
                + counter.id() + "'")).isEqualTo(1);
    }

    private static ValidatableResponse served(Logins.Session staff, long canteen, String reference) {
        return staff.as().contentType(ContentType.JSON).body(Map.of("servicePointId", canteen, "code", reference))
                .post("/api/v1/staff/check-ins").then();
    }

    @Test
    void aQuoteIsForALunchSlotAndOnesOwnFamily() {
        LocalDate day = meals.days(true).get(0);
        long canteen = meals.canteen();
        long lunch = meals.lunch(canteen, day, 3);
        MealFixtures.publish(Logins.admin().as(), canteen, day, "15.00", false, null).then().statusCode(200);
        long visit = fixtures.slot(fixtures.servicePoint(TestPolicies.VISIT),
                TestPolicies.VISIT, day, MealFixtures.LUNCH, 3, null);
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long elder = meals.elder(family, 90).id();
        quoteOf(family, visit, elder, "DINE_IN").then().statusCode(404).body("code", equalTo("SLOT_NOT_FOUND"));
        quoteOf(fixtures.verifiedResidents(1).get(0), lunch, elder, "DINE_IN").then().statusCode(404)
                .body("code", equalTo("DEPENDANT_NOT_FOUND"));
        quoteOf(family, lunch, elder, "TAKEAWAY").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        quoteOf(family, lunch, elder, "DINE_IN").then().statusCode(200).body("tier", equalTo("FULL_PRICE"));
    }
}
