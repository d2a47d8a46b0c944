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
    private static final AtomicInteger COMPANIONS = new AtomicInteger();

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

    static Map<String, Object> companion() {
        int n = COMPANIONS.incrementAndGet();
        return Map.of("name", "陪同" + "甲乙丙丁戊己庚辛壬癸".charAt(n % 10) + "某",
                "idNumber", TestIds.of("440305", LocalDate.of(1975, 1, 1).plusDays(n / 400), (n % 400) * 2 + 1));
    }

    static List<Map<String, Object>> companions(int count) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(companion());
        }
        return list;
    }

    static Response book(BookingFixtures.Resident r, long slotId, List<Map<String, Object>> companions, int children, String plate) {
        Map<String, Object> body = new HashMap<>(Map.of("slotId", slotId, "companions", companions, "children", children));
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

        JsonPath booked = book(residents.get(0), slot, companions(2), 2, "粤b·12345").then().statusCode(201)
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
        book(residents.get(4), slot, companions(5), 0, null).then().statusCode(422).body("code", equalTo("TOO_MANY_PEOPLE"));
        book(residents.get(4), slot, List.of(), 6, null).then().statusCode(422).body("code", equalTo("TOO_MANY_CHILDREN"));
        book(residents.get(4), slot, List.of(Map.of("name", "自己某", "idNumber", residents.get(4).idNumber())), 0, null)
                .then().statusCode(422).body("code", equalTo("SAME_PERSON_TWICE"));
        book(residents.get(4), slot, List.of(Map.of("name", "陪同某", "idNumber", "440305199001011234")), 0, null)
                .then().statusCode(400).body("code", equalTo("INVALID_ID_NUMBER"));
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
        Map<String, Object> grandma = companion();
        book(rs.get(0), window(c.gates().get(0), day, 9), List.of(grandma), 0, null).then().statusCode(201);
        // another booker, another gate and window of the same cemetery and day: grandma is booked already
        book(rs.get(1), window(c.gates().get(1), day, 14), List.of(grandma), 0, null).then().statusCode(409)
                .body("code", equalTo("ALREADY_BOOKED"));
        assertThat(fixtures.activeBookingsOf(rs.get(1).id())).isZero();
        // the booker themselves, too
        Map<String, Object> booker = Map.of("name", "居民某", "idNumber", rs.get(0).idNumber());
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(1), day, 10),
                "companions", List.of(booker), "self", false)).post("/api/v1/me/memorial/bookings").then().statusCode(409)
                .body("code", equalTo("ALREADY_BOOKED"));
        // the next day is another day; another cemetery is another cemetery
        book(rs.get(1), window(c.gates().get(1), day.plusDays(1), 14), List.of(grandma), 0, null).then().statusCode(201);
        Cemetery other = cemetery(1);
        declare(other.id(), day, day, 50, null, 10).then().statusCode(201);
        book(rs.get(2), window(other.gates().get(0), day, 9), List.of(grandma), 0, null).then().statusCode(201);

        // a dependant is named by the resident's own record
        long dependant = rs.get(2).as().contentType(ContentType.JSON).body(Map.of("name", "母亲某", "idNumber",
                companion().get("idNumber"), "relation", "PARENT", "consentStatement", "母亲同意由子女代为预约"))
                .post("/api/v1/me/dependants").then().statusCode(201).extract().jsonPath().getLong("id");
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(0), day, 11), "self", false,
                "dependantIds", List.of(dependant))).post("/api/v1/me/memorial/bookings").then().statusCode(201)
                .body("booking.units", equalTo(1)).body("booking.people[0].reference", equalTo("dependant:" + dependant));
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
        book(rs.get(3), slot, List.of(companion()), 0, "粤B10004").then().statusCode(201);
        // people run out while a parking place is left
        assertThat(fixtures.booked(slot)).isEqualTo(4);
        assertThat(parkingBooked(slot)).isEqualTo(2);
        long other = window(c.gates().get(0), day, 10);
        book(rs.get(4), other, companions(3), 0, "粤B10005").then().statusCode(201);
        book(rs.get(5), other, List.of(), 0, "粤B10006").then().statusCode(409).body("code", equalTo("SLOT_FULL"));
        assertThat(fixtures.booked(other)).isEqualTo(4);
        assertThat(parkingBooked(other)).isEqualTo(1);
        fixtures.assertInvariants(slot, other);
        assertParkingInvariants(slot, other);
    }

    @Test
    void fiveHundredParallelRequestsNeverExceedPeopleOrParking() throws Exception {
        Cemetery c = cemetery(1);
        LocalDate day = BookingFixtures.today().plusDays(3);
        declare(c.id(), day, day, 50, 10, 10).then().statusCode(201);
        long slot = window(c.gates().get(0), day, 9);
        List<BookingFixtures.Resident> rs = fixtures.verifiedResidents(500);
        List<List<Map<String, Object>>> parties = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            parties.add(companions(i % 5)); // parties of 1 to 5
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            answers.add(pool.submit(() -> book(rs.get(n), slot, parties.get(n), n % 3, n % 3 == 0 ? "粤B" + (20000 + n) : null)));
        }
        int people = 0;
        int cars = 0;
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            Response answer = answers.get(i).get();
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 201) {
                people += answer.jsonPath().getInt("booking.units");
                cars += answer.jsonPath().getInt("booking.parkingUnits");
            } else {
                assertThat(answer.jsonPath().getString("code")).isIn("SLOT_FULL", "PARKING_FULL");
            }
        }
        pool.shutdown();
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
        JsonPath b = book(rs.get(0), window(c.gates().get(0), day, 9), companions(1), 2, "粤B12345").then().statusCode(201)
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
        assertThat(fixtures.strings("SELECT status FROM booking WHERE id = " + b.getLong("booking.id"))).containsExactly("CONFIRMED");
        // another gate of the same cemetery lets it in: the answer says what to verify
        gate(guardB, c.gates().get(1), qr, "粤B 12345").then().statusCode(200).body("result", equalTo("CHECKED_IN"))
                .body("partySize", equalTo(2)).body("children", equalTo(2)).body("carPlate", equalTo("粤B***45"))
                .body("names", hasSize(2)).body("startsAt", equalTo("09:00"));
        gate(guardB, c.gates().get(1), qr, null).then().statusCode(200).body("result", equalTo("ALREADY_CHECKED_IN"));
        // the 07:00 window ended at 08:00; a car with a booking without one is turned away
        gate(guardB, c.gates().get(1), late, null).then().statusCode(409).body("code", equalTo("WINDOW_PASSED"));
        gate(guardB, c.gates().get(1), onFoot, "粤B12345").then().statusCode(409).body("code", equalTo("NO_CAR_BOOKED"));
        gate(guardB, c.gates().get(1), onFoot, null).then().statusCode(200).body("carPlate", nullValue())
                .body("partySize", equalTo(1));
    }

    private static Response gate(Logins.Session staff, long gateId, String code, String plate) {
        Map<String, Object> body = new HashMap<>(Map.of("gateId", gateId, "code", code));
        body.put("plate", plate);
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
        long withCar = book(rs.get(0), nine, companions(2), 1, "粤B12345").then().statusCode(201).extract().jsonPath()
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
        // a full car park refuses the whole move; another cemetery or a day too far is not offered
        rs.get(1).as().contentType(ContentType.JSON).body(Map.of("slotId", ten))
                .post("/api/v1/me/memorial/bookings/" + onFoot + "/rebook").then().statusCode(200); // on foot: fits
        Cemetery other = cemetery(1);
        declare(other.id(), day, day, 6, 2, 10).then().statusCode(201);
        rs.get(2).as().contentType(ContentType.JSON).body(Map.of("slotId", window(c.gates().get(0), day, 11)))
                .post("/api/v1/me/memorial/bookings/" + untouched + "/rebook").then().statusCode(409)
                .body("code", equalTo("NOT_REBOOKABLE"));
        fixtures.assertInvariants(nine, nineB, ten, target);
        assertParkingInvariants(nine, nineB, ten, target);
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
