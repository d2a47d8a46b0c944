package org.minzheng.memorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.common.time.ClockProducer;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Tomb-sweeping through the real API: peak days, party sizes, plates and parking, the gate, closures. */
@QuarkusTest
class TombSweepingTest {

    static final String TYPE = "TOMB_SWEEPING";
    private static final AtomicInteger FAMILY = new AtomicInteger();

    @Inject
    BookingFixtures fixtures;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A cemetery with its gates (through the admin API). */
    record Cemetery(long id, List<Long> gates) {
    }

    static Cemetery cemetery(int gates) {
        Logins.Session admin = Logins.admin();
        long id = admin.as().contentType(ContentType.JSON).body(point("CEMETERY", "测试墓园", null, List.of("PROXY_SWEEPING")))
                .post("/api/v1/admin/service-points").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Long> gateIds = new ArrayList<>();
        for (int i = 0; i < gates; i++) {
            gateIds.add(admin.as().contentType(ContentType.JSON).body(point("CEMETERY_GATE", "入口" + (i + 1), id, List.of(TYPE)))
                    .post("/api/v1/admin/service-points").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        return new Cemetery(id, gateIds);
    }

    private static Map<String, Object> point(String kind, String name, Long siteId, List<String> types) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "name", name + UUID.randomUUID().toString().substring(0, 4),
                "streetCode", "XILI", "address", "西丽街道测试路1号", "serviceTypes", types));
        body.put("siteId", siteId);
        return body;
    }

    /** Declares days {@code from..to} peak days: hourly windows 07:00–17:00, released long ago. */
    static Response declare(long cemeteryId, LocalDate from, LocalDate to, int capacity, Integer parking, int releaseDaysBefore) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "清明 " + from.getYear(), "from", from.toString(), "to",
                to.toString(), "startsAt", "07:00", "endsAt", "17:00", "slotMinutes", 60, "capacity", capacity,
                "releaseDaysBefore", releaseDaysBefore, "releaseTime", "00:00"));
        body.put("parkingCapacity", parking);
        return Logins.admin().as().contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/memorial/cemeteries/" + cemeteryId + "/peak-days");
    }

    /** The id of a gate's window starting at {@code hour} on the day. */
    long window(long gateId, LocalDate day, int hour) {
        return Long.parseLong(fixtures.strings("SELECT id FROM slot WHERE service_point_id = " + gateId + " AND day = '" + day
                + "' AND starts_at = '" + LocalTime.of(hour, 0) + "'").get(0));
    }

    /** A fresh fictional ID number (valid check digit), unique within the run. */
    static String freshId() {
        int n = FAMILY.incrementAndGet();
        return TestIds.of("440305", LocalDate.of(1955, 1, 1).plusDays(n / 400), (n % 400) * 2 + 1);
    }

    /** {@code count} dependants of the resident, each a new person. */
    List<Long> family(BookingFixtures.Resident r, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(fixtures.dependant(r.id(), "家人" + "甲乙丙丁戊".charAt(i % 5) + "某", freshId()));
        }
        return ids;
    }

    static Response book(BookingFixtures.Resident r, long slotId, List<Long> dependants, int children, String plate) {
        Map<String, Object> body = new HashMap<>(Map.of("slotId", slotId, "dependantIds", dependants, "children", children));
        body.put("carPlate", plate);
        return r.as().contentType(ContentType.JSON).body(body).post("/api/v1/me/memorial/bookings");
    }

    private int parkingBooked(long slotId) {
        return fixtures.count("SELECT parking_booked FROM slot WHERE id = " + slotId);
    }

    @Test
    void partySizeChildrenAndPlatesAreCheckedAndACarTakesOneParkingPlace() {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 10, 10).then().statusCode(201).body("", hasSize(1)).body("[0].gates", equalTo(1));
        long slot = window(c.gates().get(0), day, 9);
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(8);

        JsonPath booked = book(residents.get(0), slot, family(residents.get(0), 2), 2, "粤b·12345").then().statusCode(201)
                .body("booking.units", equalTo(3)).body("booking.parkingUnits", equalTo(1))
                .body("booking.people", hasSize(3)).body("children", equalTo(2)).body("carPlate", equalTo("粤B12345"))
                .body("booking.qrPayload", notNullValue()).extract().jsonPath();
        assertThat(fixtures.booked(slot)).isEqualTo(3);
        assertThat(parkingBooked(slot)).isEqualTo(1);
        long id = booked.getLong("booking.id");
        // the plate is sealed: not in the details, not readable in the row
        assertThat(fixtures.strings("SELECT details::text FROM booking WHERE id = " + id).get(0)).doesNotContain("12345");
        assertThat(fixtures.count("SELECT count(*) FROM booking WHERE id = " + id
                + " AND position(convert_to('12345', 'UTF8') IN sealed_details) = 0")).isEqualTo(1);
        residents.get(0).as().get("/api/v1/me/memorial/bookings/" + id).then().statusCode(200)
                .body("carPlate", equalTo("粤B12345")).body("children", equalTo(2));

        // new-energy (8 characters) and cross-border plates are fine; no plate, no parking
        book(residents.get(1), slot, List.of(), 0, "粤BD12345").then().statusCode(201).body("carPlate", equalTo("粤BD12345"));
        book(residents.get(2), slot, List.of(), 0, "粤Z1234港").then().statusCode(201);
        book(residents.get(3), slot, List.of(), 0, null).then().statusCode(201).body("booking.parkingUnits", equalTo(0))
                .body("carPlate", nullValue());
        assertThat(parkingBooked(slot)).isEqualTo(3);

        for (String bad : List.of("粤I12345", "粤B1234", "AB12345", "粤ZA1234", "京A12345X")) {
            book(residents.get(4), slot, List.of(), 0, bad).then().statusCode(400).body("code", equalTo("INVALID_CAR_PLATE"))
                    .body("errors[0].field", equalTo("carPlate"));
        }
        book(residents.get(4), slot, family(residents.get(4), 5), 0, null).then().statusCode(422)
                .body("code", equalTo("TOO_MANY_PEOPLE"));
        book(residents.get(4), slot, List.of(), 6, null).then().statusCode(422).body("code", equalTo("TOO_MANY_CHILDREN"));
        long self = fixtures.dependant(residents.get(5).id(), "自己某", residents.get(5).idNumber());
        book(residents.get(5), slot, List.of(self), 0, null).then().statusCode(422).body("code", equalTo("SAME_PERSON_TWICE"));
        // real-name: an unverified account books nobody, and only its own dependants
        Logins.newResident().as().contentType(ContentType.JSON).body(Map.of("slotId", slot))
                .post("/api/v1/me/memorial/bookings").then().statusCode(409).body("code", equalTo("IDENTITY_NOT_VERIFIED"));
        book(residents.get(6), slot, family(residents.get(7), 1), 0, null).then().statusCode(404)
                .body("code", equalTo("DEPENDANT_NOT_FOUND"));
        // nothing personal goes into the plain details through the generic endpoint either
        residents.get(4).as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("carPlate", "粤B12345")))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("UNKNOWN_DETAIL"));
        // the generic endpoint cannot take a parking place without a plate, nor set the engine's own keys
        residents.get(4).as().contentType(ContentType.JSON).body(Map.of("slotId", slot, "details", Map.of("car", true)))
                .post("/api/v1/me/bookings").then().statusCode(422).body("code", equalTo("CAR_PLATE_REQUIRED"));
        residents.get(4).as().contentType(ContentType.JSON)
                .body(Map.of("slotId", slot, "details", Map.of("car", true, "sealedFields", List.of("carPlate"))))
                .post("/api/v1/me/bookings").then().statusCode(400).body("code", equalTo("RESERVED_DETAIL"));
        assertThat(fixtures.booked(slot)).isEqualTo(6);
        assertThat(parkingBooked(slot)).isEqualTo(3);
        fixtures.assertInvariants(slot);
    }

    @Test
    void offPeakDaysNeedNoBookingAndReleaseFollowsTheSeason() {
        Cemetery c = cemetery(2);
        LocalDate peak = BookingFixtures.today().plusDays(5);
        declare(c.id(), peak, peak.plusDays(1), 20, null, 2).then().statusCode(201)
                .body("day", contains(peak.toString(), peak.plusDays(1).toString()));
        io.restassured.RestAssured.given().get("/api/v1/memorial/cemeteries/" + c.id() + "/days/" + peak.plusDays(2)).then()
                .statusCode(200).body("peak", equalTo(false)).body("bookingRequired", equalTo(false))
                .body("notice", notNullValue()).body("gates", hasSize(0));
        io.restassured.RestAssured.given().get("/api/v1/memorial/cemeteries/" + c.id() + "/days/" + peak).then()
                .statusCode(200).body("peak", equalTo(true)).body("bookingRequired", equalTo(true))
                .body("gates", hasSize(2)).body("gates[0].windows", hasSize(10))
                .body("gates[0].windows[0].remaining", equalTo(20)).body("gates[0].windows[0].parkingCapacity", nullValue())
                .body("gates[0].windows[0].open", equalTo(false));
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = window(c.gates().get(0), peak, 8);
        book(r, slot, List.of(), 0, null).then().statusCode(409).body("code", equalTo("NOT_YET_OPEN"));
        book(r, slot, List.of(), 0, "粤B12345").then().statusCode(409).body("code", equalTo("NOT_YET_OPEN"));
        clock.setTo(ZonedDateTime.of(peak.minusDays(2), LocalTime.of(0, 1), ClockProducer.ZONE).toInstant());
        book(r, slot, List.of(), 0, "粤B12345").then().statusCode(409).body("code", equalTo("NO_PARKING_HERE"));
        book(r, slot, List.of(), 0, null).then().statusCode(201);

        // a slot on an ordinary day (a weekly schedule someone left) is refused: no booking is needed then
        long ordinary = fixtures.slot(c.gates().get(1), TYPE, peak.plusDays(3), LocalTime.of(9, 0), 10, null);
        book(fixtures.verifiedResidents(1).get(0), ordinary, List.of(), 0, null).then().statusCode(409)
                .body("code", equalTo("NO_BOOKING_NEEDED"));
        // a second declaration over the same days fails whole
        int before = fixtures.count("SELECT count(*) FROM schedule_exception");
        declare(c.id(), peak.plusDays(1), peak.plusDays(2), 20, null, 2).then().statusCode(409)
                .body("code", equalTo("SCHEDULE_EXCEPTION_EXISTS"));
        assertThat(fixtures.count("SELECT count(*) FROM schedule_exception")).isEqualTo(before);
    }

    @Test
    void onePersonOneBookingPerCemeteryAndDayWhoeverBooks() {
        Cemetery c = cemetery(2);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day.plusDays(1), 50, 10, 10).then().statusCode(201);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        // grandma is on two grandchildren's lists (through the API, with her consent)
        String grandma = freshId();
        long ofFirst = rs.get(0).as().contentType(ContentType.JSON).body(Map.of("name", "祖母某", "idNumber", grandma,
                "relation", "GRANDPARENT", "consentStatement", "祖母同意由孙辈代为预约")).post("/api/v1/me/dependants").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long ofSecond = fixtures.dependant(rs.get(1).id(), "祖母某", grandma);
        rs.get(0).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(0), day, 9), "self", false,
                "dependantIds", List.of(ofFirst))).post("/api/v1/me/memorial/bookings").then().statusCode(201)
                .body("booking.units", equalTo(1)).body("booking.people[0].reference", equalTo("dependant:" + ofFirst));
        // another booker, another gate and window of the same cemetery and day: grandma is booked already
        book(rs.get(1), window(c.gates().get(1), day, 14), List.of(ofSecond), 0, null).then().statusCode(409)
                .body("code", equalTo("ALREADY_BOOKED"));
        assertThat(fixtures.activeBookingsOf(rs.get(1).id())).isZero();
        // the booker themselves, too: the first resident is on the third one's list
        long firstAsDependant = fixtures.dependant(rs.get(2).id(), "居民某", rs.get(0).idNumber());
        book(rs.get(0), window(c.gates().get(1), day, 10), List.of(), 0, null).then().statusCode(201);
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(1), day, 11),
                "dependantIds", List.of(firstAsDependant), "self", false)).post("/api/v1/me/memorial/bookings").then()
                .statusCode(409).body("code", equalTo("ALREADY_BOOKED"));
        // the next day is another day; another cemetery is another cemetery
        book(rs.get(1), window(c.gates().get(1), day.plusDays(1), 14), List.of(ofSecond), 0, null).then().statusCode(201);
        Cemetery other = cemetery(1);
        declare(other.id(), day, day, 50, null, 10).then().statusCode(201);
        book(rs.get(1), window(other.gates().get(0), day, 9), List.of(ofSecond), 0, null).then().statusCode(201);
    }

    @Test
    void parkingRunsOutWhilePeopleRemainAndTheOtherWayRound() {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 4, 2, 10).then().statusCode(201);
        long slot = window(c.gates().get(0), day, 9);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(6);
        book(rs.get(0), slot, List.of(), 0, "粤B10001").then().statusCode(201);
        book(rs.get(1), slot, List.of(), 0, "粤B10002").then().statusCode(201);
        book(rs.get(2), slot, List.of(), 0, "粤B10003").then().statusCode(409).body("code", equalTo("PARKING_FULL"));
        book(rs.get(2), slot, List.of(), 0, null).then().statusCode(201);
        assertThat(fixtures.booked(slot)).isEqualTo(3);
        assertThat(parkingBooked(slot)).isEqualTo(2);
        // a cancelled car gives its place back
        long first = Long.parseLong(fixtures.strings("SELECT id FROM booking WHERE resident_id = " + rs.get(0).id()).get(0));
        rs.get(0).as().post("/api/v1/me/bookings/" + first + "/cancel").then().statusCode(200);
        assertThat(parkingBooked(slot)).isEqualTo(1);
        book(rs.get(3), slot, family(rs.get(3), 1), 0, "粤B10004").then().statusCode(201);
        // people run out while a parking place is left
        assertThat(fixtures.booked(slot)).isEqualTo(4);
        assertThat(parkingBooked(slot)).isEqualTo(2);
        long other = window(c.gates().get(0), day, 10);
        book(rs.get(4), other, family(rs.get(4), 3), 0, "粤B10005").then().statusCode(201);
        book(rs.get(5), other, List.of(), 0, "粤B10006").then().statusCode(409).body("code", equalTo("SLOT_FULL"));
        assertThat(fixtures.booked(other)).isEqualTo(4);
        assertThat(parkingBooked(other)).isEqualTo(1);
        fixtures.assertInvariants(slot, other);
        assertParkingInvariants(slot, other);
    }

    @Test
    void fiveHundredParallelRequestsNeverExceedPeopleOrParking() {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 10, 10).then().statusCode(201);
        long slot = window(c.gates().get(0), day, 9);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(500);
        List<List<Long>> parties = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            parties.add(family(rs.get(i), i % 5)); // parties of 1 to 5
        }
        List<Response> answers = parallel(500, 32, n -> book(rs.get(n), slot, parties.get(n), n % 3,
                n % 3 == 0 ? "粤B" + (20000 + n) : null));
        int people = 0;
        int cars = 0;
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            Response answer = answers.get(i);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 201) {
                people += answer.jsonPath().getInt("booking.units");
                cars += answer.jsonPath().getInt("booking.parkingUnits");
            } else {
                assertThat(answer.jsonPath().getString("code")).isIn("SLOT_FULL", "PARKING_FULL");
            }
        }
        assertThat(statuses.keySet()).containsOnly(201, 409);
        assertThat(people).isLessThanOrEqualTo(50).isEqualTo(fixtures.booked(slot));
        assertThat(cars).isLessThanOrEqualTo(10).isEqualTo(parkingBooked(slot));
        // a 1-person party without a car always fits until the very end: the window is (nearly) full
        assertThat(people).isGreaterThanOrEqualTo(46);
        fixtures.assertInvariants(slot);
        assertParkingInvariants(slot);
    }

    /** parking_booked equals the parking units of the bookings holding units, and the Redis counter agrees. */
    private void assertParkingInvariants(long... slots) {
        for (long slot : slots) {
            assertThat(parkingBooked(slot)).as("slot %d parking", slot).isEqualTo(fixtures.count(
                    "SELECT coalesce(sum(parking_units), 0) FROM booking WHERE slot_id = " + slot
                            + " AND status NOT IN ('CANCELLED', 'EXPIRED', 'DECLINED')"));
            Integer left = redisParking(slot);
            if (left != null) {
                assertThat(left).as("slot %d Redis parking", slot).isEqualTo(
                        fixtures.count("SELECT parking_capacity - parking_booked FROM slot WHERE id = " + slot));
            }
        }
    }

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    private Integer redisParking(long slot) {
        String value = redis.value(String.class).get("slot:" + slot + ":parking");
        return value == null ? null : Integer.parseInt(value);
    }

    @Test
    void theGateChecksTheWindowTheCemeteryAndThePlate() {
        Cemetery c = cemetery(2);
        Cemetery other = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 10, 10).then().statusCode(201);
        declare(other.id(), day, day, 50, 10, 10).then().statusCode(201);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        JsonPath b = book(rs.get(0), window(c.gates().get(0), day, 9), family(rs.get(0), 1), 2, "粤B12345").then().statusCode(201)
                .extract().jsonPath();
        String onFoot = book(rs.get(2), window(c.gates().get(0), day, 9), List.of(), 0, null).then().statusCode(201)
                .extract().jsonPath().getString("booking.reference");
        String qr = b.getString("booking.qrPayload");
        String late = book(rs.get(1), window(c.gates().get(1), day, 7), List.of(), 0, null).then().statusCode(201)
                .extract().jsonPath().getString("booking.reference");
        Logins.Session guardB = Logins.newStaff(List.of("COUNTER"), List.of(c.gates().get(1)), List.of());
        Logins.Session elsewhere = Logins.newStaff(List.of("COUNTER"), List.of(other.gates().get(0)), List.of());

        clock.setTo(ZonedDateTime.of(day, LocalTime.of(8, 29), ClockProducer.ZONE).toInstant());
        gate(guardB, c.gates().get(1), qr, "粤B54321").then().statusCode(409).body("code", equalTo("TOO_EARLY_FOR_WINDOW"));
        clock.setTo(ZonedDateTime.of(day, LocalTime.of(8, 31), ClockProducer.ZONE).toInstant());
        gate(elsewhere, other.gates().get(0), qr, null).then().statusCode(409).body("code", equalTo("WRONG_SITE"));
        // another cemetery's guard learns nothing of the booked plate
        gate(elsewhere, other.gates().get(0), qr, "粤B54321").then().statusCode(409).body("code", equalTo("WRONG_SITE"));
        gate(guardB, c.gates().get(0), qr, null).then().statusCode(403).body("code", equalTo("NOT_YOUR_SERVICE_POINT"));
        gate(guardB, c.gates().get(1), qr, "粤B54321").then().statusCode(409).body("code", equalTo("PLATE_MISMATCH"));
        gate(guardB, c.gates().get(1), qr, "粤B12345", rs.get(1).idNumber()).then().statusCode(409)
                .body("code", equalTo("PERSON_NOT_IN_BOOKING"));
        assertThat(fixtures.strings("SELECT status FROM booking WHERE id = " + b.getLong("booking.id"))).containsExactly("CONFIRMED");
        // another gate of the same cemetery lets it in: the answer says what to verify
        gate(guardB, c.gates().get(1), qr, "粤B 12345", rs.get(0).idNumber()).then().statusCode(200).body("result", equalTo("CHECKED_IN"))
                .body("partySize", equalTo(2)).body("children", equalTo(2)).body("carPlate", equalTo("粤B***45"))
                .body("names", hasSize(2)).body("startsAt", equalTo("09:00"));
        // the guard who let it in may take that back, though the booking is another gate's; a stranger may not
        String undo = "/api/v1/staff/bookings/" + b.getLong("booking.id") + "/undo-check-in";
        elsewhere.as().post(undo).then().statusCode(403);
        guardB.as().post(undo).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        gate(guardB, c.gates().get(1), qr, "粤B12345").then().statusCode(200).body("result", equalTo("CHECKED_IN"));
        gate(guardB, c.gates().get(1), qr, null).then().statusCode(200).body("result", equalTo("ALREADY_CHECKED_IN"));
        // the 07:00 window ended at 08:00; a car with a booking without one is turned away
        gate(guardB, c.gates().get(1), late, null).then().statusCode(409).body("code", equalTo("WINDOW_PASSED"));
        gate(guardB, c.gates().get(1), onFoot, "粤B12345").then().statusCode(409).body("code", equalTo("NO_CAR_BOOKED"));
        gate(guardB, c.gates().get(1), onFoot, null).then().statusCode(200).body("carPlate", nullValue())
                .body("partySize", equalTo(1));
    }

    private static Response gate(Logins.Session staff, long gateId, String code, String plate) {
        return gate(staff, gateId, code, plate, null);
    }

    private static Response gate(Logins.Session staff, long gateId, String code, String plate, String idNumber) {
        Map<String, Object> body = new HashMap<>(Map.of("gateId", gateId, "code", code));
        body.put("plate", plate);
        body.put("idNumber", idNumber);
        return staff.as().contentType(ContentType.JSON).body(body).post("/api/v1/staff/memorial/gate-check-ins");
    }

    @Test
    void aClosureCancelsNotifiesAndOffersAOneStepRebooking() {
        Cemetery c = cemetery(2);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day.plusDays(1), 6, 2, 10).then().statusCode(201);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(5);
        long nine = window(c.gates().get(0), day, 9);
        long nineB = window(c.gates().get(1), day, 9);
        long ten = window(c.gates().get(0), day, 10);
        long withCar = book(rs.get(0), nine, family(rs.get(0), 2), 1, "粤B12345").then().statusCode(201).extract().jsonPath()
                .getLong("booking.id");
        long onFoot = book(rs.get(1), nineB, List.of(), 0, null).then().statusCode(201).extract().jsonPath().getLong("booking.id");
        long untouched = book(rs.get(2), ten, List.of(), 0, null).then().statusCode(201).extract().jsonPath().getLong("booking.id");
        // no parking place is left at 10:00 at the first gate
        book(rs.get(3), ten, List.of(), 0, "粤B99998").then().statusCode(201);
        book(rs.get(4), ten, List.of(), 0, "粤B99999").then().statusCode(201);

        Map<String, Object> storm = Map.of("day", day.toString(), "startsAt", "09:00", "endsAt", "10:00", "reason", "雷暴预警");
        Logins.admin().as().contentType(ContentType.JSON).body(storm)
                .post("/api/v1/admin/memorial/cemeteries/" + c.id() + "/closures").then().statusCode(200)
                .body("cancelled", equalTo(2)).body("closedGates", hasSize(2)).body("alreadyClosed", equalTo(false));
        assertThat(fixtures.strings("SELECT status FROM booking WHERE id IN (" + withCar + ", " + onFoot + ", " + untouched
                + ") ORDER BY id")).containsExactly("CANCELLED", "CANCELLED", "CONFIRMED");
        assertThat(fixtures.booked(nine)).isZero();
        assertThat(parkingBooked(nine)).isZero();
        assertThat(fixtures.queryOutbox(withCar)).contains("TOMB_SWEEPING_CLOSED");
        String data = fixtures.strings("SELECT data::text FROM outbox WHERE dedup_key = 'booking:" + withCar + ":CANCELLED'").get(0);
        assertThat(data).contains("雷暴预警").contains("offers");
        rs.get(0).as().get("/api/v1/me/messages").then().statusCode(200)
                .body("items.find { it.templateKey == 'TOMB_SWEEPING_CLOSED' }", notNullValue());
        // the offers: the nearest free windows that day with room for 3 people and a car (not 10:00, full of cars)
        List<Integer> offered = io.restassured.path.json.JsonPath.from(data).getList("offers.slotId");
        assertThat(offered).hasSize(3).doesNotContain((int) nine, (int) nineB, (int) ten);
        assertThat(offered.get(0)).isIn((int) window(c.gates().get(0), day, 8), (int) window(c.gates().get(1), day, 8),
                (int) window(c.gates().get(1), day, 10));

        // closing it again is a no-op: nothing cancelled, nobody told twice
        int outboxRows = fixtures.count("SELECT count(*) FROM outbox");
        Logins.admin().as().contentType(ContentType.JSON).body(storm)
                .post("/api/v1/admin/memorial/cemeteries/" + c.id() + "/closures").then().statusCode(200)
                .body("cancelled", equalTo(0)).body("alreadyClosed", equalTo(true));
        assertThat(fixtures.count("SELECT count(*) FROM outbox")).isEqualTo(outboxRows);

        // one step: the same people, children and car in the offered window
        long target = offered.get(0);
        JsonPath rebooked = rs.get(0).as().contentType(ContentType.JSON).body(Map.of("slotId", target))
                .post("/api/v1/me/memorial/bookings/" + withCar + "/rebook").then().statusCode(200)
                .body("booking.status", equalTo("CONFIRMED")).body("booking.units", equalTo(3))
                .body("booking.parkingUnits", equalTo(1)).body("children", equalTo(1)).body("carPlate", equalTo("粤B12345"))
                .extract().jsonPath();
        long newId = rebooked.getLong("booking.id");
        rs.get(0).as().contentType(ContentType.JSON).body(Map.of("slotId", target))
                .post("/api/v1/me/memorial/bookings/" + withCar + "/rebook").then().statusCode(200)
                .body("booking.id", equalTo((int) newId));
        assertThat(fixtures.booked(target)).isEqualTo(3);
        assertThat(parkingBooked(target)).isEqualTo(1);
        // someone else's cancelled booking is not mine to rebook; a live one is not rebookable
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", ten))
                .post("/api/v1/me/memorial/bookings/" + onFoot + "/rebook").then().statusCode(404);
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(0), day, 11)))
                .post("/api/v1/me/memorial/bookings/" + untouched + "/rebook").then().statusCode(409)
                .body("code", equalTo("NOT_REBOOKABLE"));
        // the next peak day is offered too, a later day is not
        fixtures.slot(c.gates().get(1), TYPE, day.plusDays(2), LocalTime.of(9, 0), 10, null);
        rs.get(1).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(1), day.plusDays(2), 9)))
                .post("/api/v1/me/memorial/bookings/" + onFoot + "/rebook").then().statusCode(409)
                .body("code", equalTo("REBOOK_DAY_NOT_OFFERED"));
        // two taps at once: one new booking, the slot's count moved once
        long nextPeak = window(c.gates().get(1), day.plusDays(1), 9);
        List<Response> taps = parallel(2, i -> rs.get(1).as().contentType(ContentType.JSON).body(Map.of("slotId", nextPeak))
                .post("/api/v1/me/memorial/bookings/" + onFoot + "/rebook"));
        assertThat(taps).allSatisfy(t -> assertThat(t.statusCode()).isEqualTo(200));
        assertThat(taps.get(0).jsonPath().getLong("booking.id")).isEqualTo(taps.get(1).jsonPath().getLong("booking.id"));
        assertThat(fixtures.booked(nextPeak)).isEqualTo(1);

        // the storm grows: a wider window from the same start is a closure of its own and cancels the rest
        Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("day", day.toString(), "startsAt", "09:00", "endsAt", "11:00", "reason", "雷暴加强"))
                .post("/api/v1/admin/memorial/cemeteries/" + c.id() + "/closures").then().statusCode(200)
                .body("cancelled", equalTo(3)).body("alreadyClosed", equalTo(false));
        assertThat(fixtures.strings("SELECT status FROM booking WHERE id = " + untouched)).containsExactly("CANCELLED");
        fixtures.assertInvariants(nine, nineB, ten, target, nextPeak);
        assertParkingInvariants(nine, nineB, ten, target, nextPeak);
    }

    private static List<Response> parallel(int n, java.util.function.IntFunction<Response> call) {
        return parallel(n, n, call);
    }

    /** {@code n} calls on {@code threads} threads at once; the answers in call order. */
    private static List<Response> parallel(int n, int threads, java.util.function.IntFunction<Response> call) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> call.apply(k)));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRebookingIntoAFullCarParkChangesNothingAndAClosedDayOffersNothing() {
        Cemetery c = cemetery(1);
        Cemetery other = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 10, 1, 10).then().statusCode(201);
        declare(other.id(), day, day, 10, 1, 10).then().statusCode(201);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(3);
        long car = book(rs.get(0), window(c.gates().get(0), day, 9), List.of(), 0, "粤B12345").then().statusCode(201)
                .extract().jsonPath().getLong("booking.id");
        long full = window(c.gates().get(0), day, 12);
        book(rs.get(1), full, List.of(), 0, "粤B54321").then().statusCode(201);
        Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("day", day.toString(), "startsAt", "09:00", "endsAt", "10:00", "reason", "交通管制"))
                .post("/api/v1/admin/memorial/cemeteries/" + c.id() + "/closures").then().statusCode(200)
                .body("cancelled", equalTo(1));
        rs.get(0).as().contentType(ContentType.JSON).body(Map.of("slotId", full))
                .post("/api/v1/me/memorial/bookings/" + car + "/rebook").then().statusCode(409).body("code", equalTo("PARKING_FULL"));
        rs.get(0).as().contentType(ContentType.JSON).body(Map.of("slotId", window(other.gates().get(0), day, 9)))
                .post("/api/v1/me/memorial/bookings/" + car + "/rebook").then().statusCode(409).body("code", equalTo("WRONG_SITE"));
        assertThat(fixtures.strings("SELECT details::text FROM booking WHERE id = " + car).get(0)).doesNotContain("rebookedAs");
        assertThat(fixtures.count("SELECT count(*) FROM booking WHERE resident_id = " + rs.get(0).id())).isEqualTo(1);
        assertThat(fixtures.booked(full)).isEqualTo(1);
        assertThat(parkingBooked(full)).isEqualTo(1);

        // the whole day of the other cemetery closes: nothing is left to offer that day, and no later peak day
        long gone = book(rs.get(2), window(other.gates().get(0), day, 9), List.of(), 0, null).then().statusCode(201)
                .extract().jsonPath().getLong("booking.id");
        Logins.admin().as().contentType(ContentType.JSON).body(Map.of("day", day.toString(), "reason", "台风"))
                .post("/api/v1/admin/memorial/cemeteries/" + other.id() + "/closures").then().statusCode(200)
                .body("cancelled", equalTo(1));
        assertThat(fixtures.strings("SELECT data::text FROM outbox WHERE dedup_key = 'booking:" + gone + ":CANCELLED'").get(0))
                .contains("\"offers\": []");
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", window(other.gates().get(0), day, 9)))
                .post("/api/v1/me/memorial/bookings/" + gone + "/rebook").then().statusCode(409).body("code", equalTo("SLOT_CLOSED"));
        fixtures.assertInvariants(full);
        assertParkingInvariants(full);
    }

    @Test
    void aClosureRacingResidentsCancellationsNeitherDeadlocksNorLosesAUnit() {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 20, 10).then().statusCode(201);
        long slot = window(c.gates().get(0), day, 9);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(20);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(book(rs.get(i), slot, List.of(), 0, i % 2 == 0 ? "粤B" + (30000 + i) : null).then().statusCode(201)
                    .extract().jsonPath().getLong("booking.id"));
        }
        Logins.Session admin = Logins.admin();
        List<Response> answers = parallel(21, i -> i == 20
                ? admin.as().contentType(ContentType.JSON).body(Map.of("day", day.toString(), "reason", "交通管制"))
                        .post("/api/v1/admin/memorial/cemeteries/" + c.id() + "/closures")
                : rs.get(i).as().post("/api/v1/me/bookings/" + ids.get(i) + "/cancel"));
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(answers.get(20).jsonPath().getInt("cancelled")).isBetween(0, 20);
        assertThat(fixtures.count("SELECT count(*) FROM booking WHERE slot_id = " + slot + " AND status = 'CANCELLED'")).isEqualTo(20);
        assertThat(fixtures.booked(slot)).isZero();
        assertThat(parkingBooked(slot)).isZero();
        fixtures.assertInvariants(slot);
        assertParkingInvariants(slot);
    }

    @Test
    void twoAdminsClosingTheSameWindowAtOnceCloseItOnce() {
        Cemetery c = cemetery(2);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 20, 10).then().statusCode(201);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(4);
        for (int i = 0; i < 4; i++) {
            book(rs.get(i), window(c.gates().get(i % 2), day, 9), List.of(), 0, null).then().statusCode(201);
        }
        List<Response> answers = parallel(2, i -> Logins.admin().as().contentType(ContentType.JSON)
                .body(Map.of("day", day.toString(), "startsAt", "09:00", "endsAt", "10:00", "reason", "大风"))
                .post("/api/v1/admin/memorial/cemeteries/" + c.id() + "/closures"));
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(answers.stream().mapToInt(a -> a.jsonPath().getInt("cancelled")).sum()).isEqualTo(4);
        assertThat(fixtures.count("SELECT count(*) FROM schedule_exception WHERE kind = 'CLOSED' AND service_point_id IN ("
                + c.gates().get(0) + ", " + c.gates().get(1) + ")")).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE template_key = 'TOMB_SWEEPING_CLOSED' AND resident_id IN ("
                + rs.stream().map(r -> Long.toString(r.id())).collect(java.util.stream.Collectors.joining(", ")) + ")"))
                .isEqualTo(4);
    }

    @Test
    void gatesTakeNoWalkInsAndBelongToOneCemeteryForGood() {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 20, 10).then().statusCode(201);
        Logins.Session guard = Logins.newStaff(List.of("COUNTER"), List.of(c.gates().get(0)), List.of());
        guard.as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(0), day, 9), "name", "散客某",
                "idNumber", freshId())).post("/api/v1/staff/service-points/" + c.gates().get(0) + "/walk-ins").then()
                .statusCode(409).body("code", equalTo("WALK_IN_NOT_OFFERED"));

        Map<String, Object> gate = point("CEMETERY_GATE", "西门", null, List.of(TYPE));
        Logins.admin().as().contentType(ContentType.JSON).body(gate).post("/api/v1/admin/service-points").then()
                .statusCode(400).body("errors[0].field", equalTo("siteId")).body("errors[0].code", equalTo("SITE_REQUIRED"));
        // with a live booking, the gate cannot move to another cemetery: its one-per-day rule is scoped by it
        book(fixtures.verifiedResidents(1).get(0), window(c.gates().get(0), day, 9), List.of(), 0, null).then().statusCode(201);
        Cemetery other = cemetery(0);
        Map<String, Object> moved = point("CEMETERY_GATE", "入口", other.id(), List.of(TYPE));
        Logins.admin().as().contentType(ContentType.JSON).body(moved).put("/api/v1/admin/service-points/" + c.gates().get(0))
                .then().statusCode(409).body("code", equalTo("POINT_HAS_LIVE_BOOKINGS"));
    }

    @Test
    void noShowsSuspendTombSweepingBookings() {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 10, null, 10).then().statusCode(201);
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        long slot = window(c.gates().get(0), day, 9);
        for (int i = 1; i <= 3; i++) {
            fixtures.sql("INSERT INTO booking (reference, resident_id, slot_id, service_type, service_point_id, day, units, "
                    + "status, created_at, updated_at) VALUES ('NS" + UUID.randomUUID().toString().substring(0, 8) + "', "
                    + r.id() + ", " + slot + ", 'TOMB_SWEEPING', " + c.gates().get(0) + ", current_date - " + (i * 10)
                    + ", 1, 'NO_SHOW', now(), now())");
        }
        book(r, slot, List.of(), 0, null).then().statusCode(409).body("code", equalTo("SUSPENDED_FOR_NO_SHOWS"));
        assertThat(fixtures.activeBookingsOf(r.id())).isZero();
    }
}
