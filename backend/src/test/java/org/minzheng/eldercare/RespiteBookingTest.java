package org.minzheng.eldercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.Parallel;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Respite days booked through the booking engine spend the elder's balance, atomically, and cancellations give them back. */
@QuarkusTest
class RespiteBookingTest {

    private static final String STREET = "NANTOU";

    @Inject
    BookingFixtures fixtures;

    private record Elder(long id, String idNumber) {
    }

    /** An elder of the family with respite approved for {@code days} days this year. */
    private Elder elderWithRespite(BookingFixtures.Resident family, int days) {
        String idNumber = TestIds.nanshan(BookingFixtures.today().minusYears(82).minusDays(40), false);
        long elder = fixtures.dependant(family.id(), "卯母", idNumber);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        family.as().contentType(ContentType.JSON).queryParam("person", elder)
                .body(Map.of("hukouRegion", "440305", "disability", "SEVERE")).put("/api/v1/me/eldercare/profile").then().statusCode(200);
        long id = family.as().contentType(ContentType.JSON).body(Map.of("type", "ELDER_RESPITE", "form",
                Map.of("person", elder, "address", Map.of("streetCode", STREET)))).post("/api/v1/me/applications").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        family.as().contentType(ContentType.JSON).body(Map.of("version", 0)).post("/api/v1/me/applications/" + id + "/actions/submit")
                .then().statusCode(200);
        caseworker.as().contentType(ContentType.JSON).body(Map.of("version", 1)).post("/api/v1/staff/applications/" + id + "/actions/accept")
                .then().statusCode(200);
        caseworker.as().contentType(ContentType.JSON).body(Map.of("seen", Map.of("hukouRegion", "440305", "disability", "SEVERE")))
                .post("/api/v1/staff/applications/" + id + "/elder-profile").then().statusCode(200);
        approver.as().contentType(ContentType.JSON).body(Map.of("version", 2, "data", Map.of("daysPerYear", days)))
                .post("/api/v1/staff/applications/" + id + "/actions/approve").then().statusCode(200);
        return new Elder(elder, idNumber);
    }

    private static ValidatableResponse book(BookingFixtures.Resident r, long slot, long person) {
        return r.as().contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "self", false, "dependantIds", List.of(person), "details", Map.of()))
                .post("/api/v1/me/bookings").then();
    }

    private Map<String, Object> balance(BookingFixtures.Resident family, long elder) {
        return family.as().queryParam("person", elder).get("/api/v1/me/eldercare/entitlements").then().statusCode(200)
                .extract().jsonPath().getMap("find { it.kind == 'RESPITE_DAYS' }");
    }

    @Test
    void theBalanceIsNeverSpentBelowZeroByParallelBookingsAndCancellingGivesTheDayBack() throws Exception {
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        long elder = elderWithRespite(family, 3).id();
        long centre = fixtures.servicePoint("RESPITE_CARE");
        // eight days of the same year, one slot each (one respite booking per elder a day)
        LocalDate first = BookingFixtures.today().plusDays(1);
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 8 && first.plusDays(i).getYear() == first.getYear(); i++) {
            slots.add(fixtures.slot(centre, "RESPITE_CARE", first.plusDays(i), LocalTime.of(9, 0), 10, Instant.now().minusSeconds(60)));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(slots.size() > 3, "the year ends too soon for eight days");
        List<Integer> codes = Parallel.run(8, slots.stream().<Callable<Integer>>map(slot -> () -> book(family, slot, elder)
                .extract().statusCode()).toList());
        assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(3);
        assertThat(codes.stream().filter(c -> c != 201)).allMatch(c -> c == 409);
        assertThat(balance(family, elder)).containsEntry("granted", 3).containsEntry("used", 3);
        assertThat(fixtures.activeBookingsOf(family.id())).isEqualTo(3);
        long refused = slots.get(codes.indexOf(409)); // a day the elder has no booking on
        book(family, refused, elder).statusCode(409).body("code", equalTo("NO_BALANCE_LEFT"));

        // a cancellation gives the day back, in its own transaction; it can be booked again
        long booked = family.as().get("/api/v1/me/bookings").then().statusCode(200).extract().jsonPath()
                .getLong("items.find { it.status == 'CONFIRMED' }.id");
        family.as().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/me/bookings/" + booked + "/cancel").then()
                .statusCode(200);
        assertThat(balance(family, elder)).containsEntry("used", 2);
        book(family, refused, elder).statusCode(201);
        assertThat(balance(family, elder)).containsEntry("used", 3);
    }

    @Test
    void onlyTheFamilyStaffVerifiedSpendsAnEldersDays() {
        BookingFixtures.Resident family = fixtures.verifiedResidents(1).get(0);
        Elder mother = elderWithRespite(family, 2);
        long elder = mother.id();
        long centre = fixtures.servicePoint("RESPITE_CARE");
        long slot = fixtures.slot(centre, "RESPITE_CARE", BookingFixtures.today().plusDays(2), LocalTime.of(9, 0), 10,
                Instant.now().minusSeconds(60));
        // someone else names the same elder as their dependant: they cannot spend the family's days
        BookingFixtures.Resident stranger = fixtures.verifiedResidents(1).get(0);
        long named = fixtures.dependant(stranger.id(), "卯母", mother.idNumber());
        book(stranger, slot, named).statusCode(409).body("code", equalTo("PROFILE_NOT_VERIFIED"));
        assertThat(balance(family, elder)).containsEntry("used", 0);
        book(family, slot, elder).statusCode(201);
        assertThat(balance(family, elder)).containsEntry("used", 1);
    }
}
