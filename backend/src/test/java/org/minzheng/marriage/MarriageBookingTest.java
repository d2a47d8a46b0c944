package org.minzheng.marriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.booking.service.Bookings;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Marriage registration bookings: the legal checks, and the partner's confirmation, refusal or silence. */
@QuarkusTest
class MarriageBookingTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    BookingFixtures fixtures;

    @Inject
    Bookings bookings;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long marriageSlot(LocalDate day, int capacity) {
        long office = fixtures.servicePoint(MarriagePolicy.TYPE);
        return fixtures.slot(office, MarriagePolicy.TYPE, day, LocalTime.of(9, 0), capacity, null);
    }

    private static ValidatableResponse book(RequestSpecification booker, long slot, String partnerName, String partnerId) {
        return booker.contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "partner", Map.of("name", partnerName, "idNumber", partnerId)))
                .post("/api/v1/me/marriage/bookings").then();
    }

    private static String female(LocalDate birth) {
        return TestIds.nanshan(birth, false);
    }

    private static String male(LocalDate birth) {
        return TestIds.nanshan(birth, true);
    }

    @Test
    void thePartnerConfirmsFromTheirOwnVerifiedAccount() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 5);
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);

        var booking = book(groom.as(), slot, "李小红", brideId).statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("people", hasSize(2))
                .extract().jsonPath();
        long id = booking.getLong("id");
        assertThat(Instant.parse(booking.getString("holdUntil")))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(fixtures.booked(slot)).as("the unit is held meanwhile").isEqualTo(1);

        bride.as().get("/api/v1/me/marriage/invitations").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].bookingId", equalTo((int) id))
                .body("[0].status", equalTo("PENDING"))
                .body("[0].bookerName", equalTo("王**"));
        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("holdUntil", nullValue());
        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        groom.as().get("/api/v1/me/bookings/" + id).then().body("status", equalTo("CONFIRMED"));
        fixtures.assertInvariants(slot);

        assertThat(fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + bride.id()))
                .containsExactly("MARRIAGE_INVITATION");
        assertThat(fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + groom.id()
                + " ORDER BY id")).containsExactly("BOOKING_PENDING", "BOOKING_CONFIRMED");
    }

    @Test
    void theConfirmedBookingCarriesThePartnersVerifiedName() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 5);
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);
        long id = book(groom.as(), slot, "张小红", brideId).statusCode(201)
                .body("people.find { it.reference == 'partner' }.name", equalTo("张**")).extract().jsonPath().getLong("id");
        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(200);
        groom.as().get("/api/v1/me/bookings/" + id).then()
                .body("people.find { it.reference == 'partner' }.name", equalTo("李**"));
    }

    @Test
    void oneResidentStartsOnlyAFewCoupleBookingsADay() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 10);
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        for (int i = 0; i < CouplePolicy.DAILY_BOOKINGS; i++) {
            long id = book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(201).extract().jsonPath().getLong("id");
            groom.as().post("/api/v1/me/bookings/" + id + "/cancel").then().statusCode(200);
        }
        book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(429)
                .body("code", equalTo("TOO_MANY_COUPLE_BOOKINGS"));
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(201);
    }

    @Test
    void onlyThePersonNamedMayAnswer() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 5);
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        long id = book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(201).extract().jsonPath().getLong("id");

        Logins.Session someoneElse = Logins.verifiedResident("李小红", TestIds.adultFemale());
        someoneElse.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(404)
                .body("code", equalTo("INVITATION_NOT_FOUND"));
        someoneElse.as().post("/api/v1/me/marriage/invitations/" + id + "/decline").then().statusCode(404);
        someoneElse.as().get("/api/v1/me/marriage/invitations").then().body("", hasSize(0));
        Logins.newResident().as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(409)
                .body("code", equalTo("IDENTITY_NOT_VERIFIED"));
        groom.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(404);
        groom.as().get("/api/v1/me/bookings/" + id).then().body("status", equalTo("PENDING"));
    }

    @Test
    void aDeclineFreesThePlaceAndTellsTheBooker() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 1);
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);
        long id = book(groom.as(), slot, "李小红", brideId).statusCode(201).extract().jsonPath().getLong("id");

        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/decline").then().statusCode(200)
                .body("status", equalTo("DECLINED"));
        assertThat(fixtures.booked(slot)).isZero();
        groom.as().get("/api/v1/me/bookings/" + id).then().body("status", equalTo("DECLINED"));
        assertThat(fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + groom.id()
                + " ORDER BY id")).containsExactly("BOOKING_PENDING", "BOOKING_DECLINED");
        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(409)
                .body("code", equalTo("HOLD_EXPIRED"));
        // the place is free for the next couple, and the bride is free to be named again
        Logins.Session other = Logins.verifiedResident("赵大力", TestIds.adultMale());
        book(other.as(), slot, "李小红", brideId).statusCode(201);
        fixtures.assertInvariants(slot);
    }

    @Test
    void anUnansweredHoldExpiresAndFreesThePlace() throws Throwable {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 1);
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Logins.Session bride = Logins.verifiedResident("李小红", brideId);
        long id = book(groom.as(), slot, "李小红", brideId).statusCode(201).extract().jsonPath().getLong("id");

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        VertxContextSupport.subscribeAndAwait(bookings::expireDueHolds);
        groom.as().get("/api/v1/me/bookings/" + id).then().body("status", equalTo("EXPIRED"));
        assertThat(fixtures.booked(slot)).isZero();
        assertThat(fixtures.strings("SELECT template_key FROM inbox_message WHERE resident_id = " + groom.id()
                + " ORDER BY id")).containsExactly("BOOKING_PENDING", "BOOKING_EXPIRED");
        bride.as().post("/api/v1/me/marriage/invitations/" + id + "/accept").then().statusCode(409)
                .body("code", equalTo("HOLD_EXPIRED"));
    }

    @Test
    void theHoldNeverRunsPastTheSlot() {
        // it is 07:00 on the day of a 09:00 slot: the partner has two hours, not twenty-four
        LocalDate day = BookingFixtures.today().plusDays(2);
        Instant seven = day.atTime(7, 0).atZone(SHANGHAI).toInstant();
        clock.setTo(seven);
        long slot = marriageSlot(day, 5);
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        String hold = book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(201)
                .extract().jsonPath().getString("holdUntil");
        assertThat(Instant.parse(hold)).isEqualTo(day.atTime(9, 0).atZone(SHANGHAI).toInstant());
    }

    @Test
    void theLegalAgeIsReachedOnTheBirthdayItselfNotTheDayBefore() {
        LocalDate day = BookingFixtures.today().plusDays(3);
        long slot = marriageSlot(day, 10);
        // a man turns 22 on the registration day: yes; the day after: no
        Logins.Session bride = Logins.verifiedResident("李小红", female(LocalDate.of(1995, 3, 3)));
        book(bride.as(), slot, "王小明", male(day.minusYears(22).plusDays(1))).statusCode(422)
                .body("code", equalTo("UNDER_LEGAL_AGE"))
                .body("errors[0].field", equalTo("partner.idNumber"));
        book(bride.as(), slot, "王小明", male(day.minusYears(22))).statusCode(201);

        // a woman turns 20 on the registration day: yes; the day after: no
        Logins.Session groom = Logins.verifiedResident("赵大力", male(LocalDate.of(1990, 6, 6)));
        book(groom.as(), slot, "陈小雨", female(day.minusYears(20).plusDays(1))).statusCode(422)
                .body("code", equalTo("UNDER_LEGAL_AGE"));
        book(groom.as(), slot, "陈小雨", female(day.minusYears(20))).statusCode(201);

        // and the booker's own age counts too
        Logins.Session young = Logins.verifiedResident("孙小军", male(day.minusYears(22).plusDays(1)));
        book(young.as(), slot, "周小丽", female(LocalDate.of(1999, 1, 1))).statusCode(422)
                .body("code", equalTo("UNDER_LEGAL_AGE"))
                .body("errors[0].field", equalTo("self"));
        assertThat(fixtures.booked(slot)).isEqualTo(2);
    }

    @Test
    void eachCheckHasItsOwnCode() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 10);
        String groomId = TestIds.adultMale();
        Logins.Session groom = Logins.verifiedResident("王小明", groomId);

        book(groom.as(), slot, "李小红", "440305199201011235").statusCode(400)
                .body("code", equalTo("INVALID_ID_NUMBER"))
                .body("errors[0].field", equalTo("partner.idNumber"));
        book(groom.as(), slot, "王小明", groomId).statusCode(422).body("code", equalTo("SAME_PERSON"));
        book(groom.as(), slot, "张伟", TestIds.adultMale()).statusCode(422).body("code", equalTo("NOT_A_MAN_AND_A_WOMAN"));
        book(Logins.newResident().as(), slot, "李小红", TestIds.adultFemale()).statusCode(409)
                .body("code", equalTo("IDENTITY_NOT_VERIFIED"));
        book(groom.as(), slot, "李小红<script>", TestIds.adultFemale()).statusCode(400);

        // the general booking API cannot book marriage without naming the partner, nor for someone else
        groom.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(422).body("code", equalTo("PARTNER_REQUIRED"));
        long dependant = groom.as().contentType(ContentType.JSON)
                .body(Map.of("name", "王小小", "idNumber", TestIds.adultFemale(), "relation", "PARENT",
                        "consentStatement", "本人同意代为办理"))
                .post("/api/v1/me/dependants").then().statusCode(201).extract().jsonPath().getLong("id");
        groom.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "self", false, "dependantIds", List.of(dependant)))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("BOOKER_NOT_A_PARTY"));
        assertThat(fixtures.booked(slot)).isZero();
    }

    @Test
    void neitherPartyMayHoldAnotherMarriageBooking() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 10);
        long later = marriageSlot(BookingFixtures.today().plusDays(4), 10);
        String brideId = TestIds.adultFemale();
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        book(groom.as(), slot, "李小红", brideId).statusCode(201);

        book(groom.as(), later, "陈小雨", TestIds.adultFemale()).statusCode(409)
                .body("code", equalTo("PARTY_HAS_ACTIVE_BOOKING"));
        Logins.Session rival = Logins.verifiedResident("赵大力", TestIds.adultMale());
        book(rival.as(), later, "李小红", brideId).statusCode(409).body("code", equalTo("PARTY_HAS_ACTIVE_BOOKING"));
        assertThat(fixtures.booked(later)).isZero();
        fixtures.assertInvariants(slot, later);
    }

    @Test
    void aSpecialDateOpensWeekendSessionsAtTheirOwnReleaseTime() {
        LocalDate saturday = BookingFixtures.today().plusDays(3);
        while (saturday.getDayOfWeek() != java.time.DayOfWeek.SATURDAY) {
            saturday = saturday.plusDays(1);
        }
        long office = fixtures.servicePoint(MarriagePolicy.TYPE);
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        Instant release = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("serviceType", MarriagePolicy.TYPE, "day", saturday.toString(), "kind", "SPECIAL_OPENING",
                        "startsAt", "09:00", "endsAt", "12:00", "slotMinutes", 30, "capacity", 10,
                        "releaseAt", release.atZone(SHANGHAI).toOffsetDateTime().toString(), "reason", "520 特别开放"))
                .post("/api/v1/admin/service-points/" + office + "/schedule-exceptions").then().statusCode(201);
        long slot = Long.parseLong(fixtures.strings("SELECT id FROM slot WHERE service_point_id = " + office
                + " AND day = '" + saturday + "' ORDER BY starts_at LIMIT 1").get(0));

        book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(409).body("code", equalTo("NOT_YET_OPEN"));
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(201).body("status", equalTo("PENDING"));
    }

    @Test
    void aReplacementCertificateIsBookedByItsOwnerAlone() {
        long office = fixtures.servicePoint(CertificateReplacementPolicy.TYPE);
        long slot = fixtures.slot(office, CertificateReplacementPolicy.TYPE, BookingFixtures.today().plusDays(2),
                LocalTime.of(9, 0), 5, null);
        Logins.Session owner = Logins.verifiedResident("王小明", TestIds.adultMale());
        long dependant = owner.as().contentType(ContentType.JSON)
                .body(Map.of("name", "王老伯", "idNumber", male(LocalDate.of(1950, 5, 5)), "relation", "PARENT",
                        "consentStatement", "父亲同意由儿子代办"))
                .post("/api/v1/me/dependants").then().statusCode(201).extract().jsonPath().getLong("id");
        owner.as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "self", false, "dependantIds", List.of(dependant)))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("OWN_CERTIFICATE_ONLY"));
        owner.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(201).body("status", equalTo("CONFIRMED")).body("people", hasSize(1));
    }

    @Test
    void aCouplesBookingIsNeitherQueuedForNorMovedByOneOfThem() {
        LocalDate day = BookingFixtures.today().plusDays(3);
        long slot = marriageSlot(day, 1);
        long office = fixtures.count("SELECT service_point_id FROM slot WHERE id = " + slot);
        long other = fixtures.slot(office, MarriagePolicy.TYPE, day, LocalTime.of(10, 0), 5, null);
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        long id = book(groom.as(), slot, "李小红", TestIds.adultFemale()).statusCode(201).extract().jsonPath().getLong("id");

        Logins.Session late = Logins.verifiedResident("赵大力", TestIds.adultMale());
        late.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/waitlist").then()
                .statusCode(409).body("code", equalTo("WAITLIST_NOT_OFFERED"));
        groom.as().contentType(ContentType.JSON).body(Map.of("slotId", other))
                .post("/api/v1/me/bookings/" + id + "/reschedule").then().statusCode(409)
                .body("code", equalTo("RESCHEDULE_NOT_OFFERED"));
    }

    @Test
    void aRetriedBookingWithAnotherPartnerIsNotTakenForTheSameRequest() {
        long slot = marriageSlot(BookingFixtures.today().plusDays(3), 5);
        Logins.Session groom = Logins.verifiedResident("王小明", TestIds.adultMale());
        String key = "marriage-" + java.util.UUID.randomUUID();
        var first = groom.as().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "partner", Map.of("name", "李小红", "idNumber", TestIds.adultFemale())));
        long id = first.post("/api/v1/me/marriage/bookings").then().statusCode(201).extract().jsonPath().getLong("id");
        groom.as().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "partner", Map.of("name", "李小红", "idNumber", TestIds.adultFemale())))
                .post("/api/v1/me/marriage/bookings").then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(fixtures.count("SELECT count(*) FROM booking WHERE slot_id = " + slot)).isEqualTo(1);
        assertThat(id).isPositive();
    }

    @Test
    void twoHundredCouplesRaceForThirtyPlacesOnAPopularDay() throws Exception {
        long slot = marriageSlot(BookingFixtures.today().plusDays(5), 30);
        List<BookingFixtures.Resident> grooms = fixtures.verifiedResidents(200);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (BookingFixtures.Resident groom : grooms) {
            String brideId = female(LocalDate.of(1996, 1 + attempts.size() % 12, 1 + attempts.size() % 28));
            attempts.add(() -> book(groom.as(), slot, "李小红", brideId).extract().statusCode());
        }
        int created = 0;
        try {
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                int status = f.get();
                assertThat(status).isIn(201, 409);
                created += status == 201 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created).isEqualTo(30);
        assertThat(fixtures.booked(slot)).isEqualTo(30);
        assertThat(fixtures.count("SELECT count(*) FROM booking WHERE slot_id = " + slot
                + " AND status IN ('PENDING', 'CONFIRMED')")).isEqualTo(30);
        fixtures.assertInvariants(slot);
    }
}
