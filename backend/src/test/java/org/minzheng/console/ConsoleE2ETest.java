package org.minzheng.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Documents;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestPolicies;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The staff console driven in headless Chromium (Debian's package, by playwright-core from npm; scripts/test.sh
 * installs both): the data is made through the APIs here, the page is worked by {@code src/test/e2e/console.mjs},
 * and what it did is checked in the database. Screenshots land in {@code target/console-screenshots}.
 */
@QuarkusTest
class ConsoleE2ETest {

    private static final Path E2E = Path.of("src/test/e2e");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    BookingFixtures fixtures;

    @BeforeAll
    static void browserInstalled() throws IOException {
        assertThat(E2E.resolve("node_modules/playwright-core")).as("playwright-core: run scripts/test.sh, which installs it").isDirectory();
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium: run scripts/test.sh, which installs Debian's chromium").exists();
        Files.createDirectories(SCREENSHOTS);
    }

    /** A staff account with a password the page can type. */
    private static Map<String, String> staff(List<String> roles, List<Long> points, List<String> streets) {
        Logins.Account account = Logins.newStaffAccount(roles, points, streets);
        return Map.of("USERNAME", account.username(), "PASSWORD", account.password());
    }

    /** A cemetery and its gates, made through the admin API: the cemetery's id, then the gates'. */
    private static List<Long> cemetery(String name, String... gates) {
        Logins.Session admin = Logins.admin();
        List<Long> ids = new java.util.ArrayList<>();
        ids.add(admin.as().contentType(ContentType.JSON).body(Map.of("kind", "CEMETERY", "name", name, "streetCode", "XILI",
                "address", "南山区西丽", "serviceTypes", List.of())).post("/api/v1/admin/service-points")
                .then().statusCode(201).extract().jsonPath().getLong("id"));
        for (String gate : gates) {
            ids.add(admin.as().contentType(ContentType.JSON).body(Map.of("kind", "CEMETERY_GATE", "name", gate, "streetCode", "XILI",
                    "address", "南山区西丽", "siteId", ids.get(0), "serviceTypes", List.of("TOMB_SWEEPING")))
                    .post("/api/v1/admin/service-points").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        return ids;
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
    }

    private String run(String scenario, Map<String, String> settings) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "console.mjs", scenario).directory(E2E.toFile()).redirectErrorStream(true);
        builder.environment().putAll(settings);
        builder.environment().put("CONSOLE_URL", console.toString());
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scenario " + scenario + " did not finish in 2 minutes");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theConsoleIsServedWithAPolicyThatAllowsNoInlineScriptAndKeepsNoTokenInStorage() throws IOException {
        RestAssured.given().redirects().follow(false).get("/console").then().statusCode(303)
                .header("Location", containsString("/console/"));
        RestAssured.given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .body(containsString("<html lang=\"zh-CN\">"));
        assertThat(RestAssured.given().get("/console/").then().extract().header("Content-Security-Policy"))
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        Path pages = Path.of("src/main/resources/META-INF/resources/console");
        try (var files = Files.walk(pages)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContain("localStorage").doesNotContain("sessionStorage")
                        .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                        .doesNotContain("document.write").doesNotContain(" style=\"").doesNotContain("onclick=");
            }
        }
    }

    @Test
    void counterStaffScanAPassSeeGreenAndTheCountMoveUndoItAndSeeAForgedPassRed() throws Exception {
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        // a slot later today (bookable until it starts, checked in on its day); in the last minutes of a day, the next
        Awaitility.await().atMost(Duration.ofMinutes(12)).until(() -> now().toLocalTime().isBefore(LocalTime.of(23, 50)));
        ZonedDateTime now = now();
        LocalTime start = now.toLocalTime().plusMinutes(5).withSecond(0).withNano(0);
        LocalTime end = start.isAfter(LocalTime.of(23, 29)) ? LocalTime.of(23, 59) : start.plusMinutes(30);
        long slot = Long.parseLong(fixtures.strings("INSERT INTO slot (service_point_id, service_type, day, starts_at, ends_at, capacity)"
                + " VALUES (" + point + ", '" + TestPolicies.VISIT + "', '" + now.toLocalDate() + "', '" + start + "', '" + end
                + "', 5) RETURNING id").get(0));
        BookingFixtures.Resident resident = fixtures.verifiedResidents(1).get(0);
        var booking = resident.as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings").then()
                .statusCode(201).extract().jsonPath();
        String pass = booking.getString("qrPayload");
        String forged = pass.substring(0, pass.length() - 2) + (pass.endsWith("AA") ? "BB" : "AA");
        Map<String, String> settings = new HashMap<>(staff(List.of("COUNTER"), List.of(point), List.of()));
        settings.putAll(Map.of("PASS", pass, "FORGED", forged, "REFERENCE", booking.getString("reference"), "MASKED_NAME", "测***"));

        run("counter", settings);

        long id = booking.getLong("id");
        assertThat(fixtures.strings("SELECT status FROM booking WHERE id = " + id)).containsExactly("CHECKED_IN");
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE subject = 'booking:" + id
                + "' AND action IN ('BOOKING_CHECKED_IN', 'BOOKING_CHECK_IN_UNDONE')")).isEqualTo(3);
        assertThat(SCREENSHOTS.resolve("counter.png")).isNotEmptyFile();
    }

    @Test
    void aGateGuardLetsAPartyInWithItsCarAndSeesThePlateAndChildrenToCompare() throws Exception {
        Logins.Session admin = Logins.admin();
        List<Long> site = cemetery("闸口测试墓园", "正门");
        long cemetery = site.get(0);
        long gate = site.get(1);
        // a peak day of today whose one window starts in a few minutes: bookable now, its gate already open (30 minutes
        // before), over before midnight; in a day's last minutes, the next day
        Awaitility.await().atMost(Duration.ofMinutes(26)).until(() -> now().toLocalTime().isBefore(LocalTime.of(23, 35)));
        ZonedDateTime now = now();
        LocalTime start = now.toLocalTime().plusMinutes(5).withSecond(0).withNano(0);
        LocalTime end = start.isAfter(LocalTime.of(22, 59)) ? LocalTime.of(23, 59) : start.plusMinutes(60);
        int minutes = (int) Duration.between(start, end).toMinutes();
        Map<String, Object> season = new HashMap<>(Map.of("name", "演示祭扫", "from", now.toLocalDate().toString(), "to",
                now.toLocalDate().toString(), "startsAt", start.toString(), "endsAt", end.toString(), "slotMinutes", minutes,
                "capacity", 20, "releaseDaysBefore", 0, "releaseTime", "00:00"));
        season.put("parkingCapacity", 5);
        admin.as().contentType(ContentType.JSON).body(season).post("/api/v1/admin/memorial/cemeteries/" + cemetery + "/peak-days")
                .then().statusCode(201);
        long window = Long.parseLong(fixtures.strings("SELECT id FROM slot WHERE service_point_id = " + gate).get(0));
        BookingFixtures.Resident resident = fixtures.verifiedResidents(1).get(0);
        var booking = resident.as().contentType(ContentType.JSON).body(Map.of("slotId", window, "dependantIds", List.of(), "children", 2,
                "carPlate", "粤B12345")).post("/api/v1/me/memorial/bookings").then().statusCode(201).extract().jsonPath();
        Map<String, String> settings = new HashMap<>(staff(List.of("COUNTER"), List.of(gate), List.of()));
        settings.putAll(Map.of("PASS", booking.getString("booking.qrPayload"), "PLATE", "粤B12345"));

        run("gate", settings);

        assertThat(fixtures.strings("SELECT status FROM booking WHERE id = " + booking.getLong("booking.id"))).containsExactly("CHECKED_IN");
    }

    @Test
    void anAdministratorSeesTheDashboardAndClosesAWindowOfACemeterysDay() throws Exception {
        long cemetery = cemetery("控制台测试墓园", "东门", "北门").get(0);
        String day = now().toLocalDate().plusDays(3).toString();
        // something for the chart: a booking of tomorrow, the day the page is asked about
        String tomorrow = now().toLocalDate().plusDays(1).toString();
        long point = fixtures.servicePoint(TestPolicies.VISIT);
        long slot = fixtures.slot(point, TestPolicies.VISIT, java.time.LocalDate.parse(tomorrow), LocalTime.of(9, 0), 5, null);
        fixtures.verifiedResidents(1).get(0).as().contentType(ContentType.JSON).body(Map.of("slotId", slot)).post("/api/v1/me/bookings")
                .then().statusCode(201);
        Map<String, String> settings = new HashMap<>(staff(List.of("ADMIN"), List.of(), List.of()));
        settings.putAll(Map.of("CEMETERY", Long.toString(cemetery), "DAY", day, "BOOKED_DAY", tomorrow, "POINT", Long.toString(point)));

        run("admin", settings);

        assertThat(fixtures.strings("SELECT starts_at || '-' || ends_at || ' ' || slot_minutes FROM schedule WHERE service_point_id = "
                + point)).containsExactly("14:00:00-16:00:00 60");
        assertThat(fixtures.strings("SELECT kind || ' ' || day FROM schedule_exception WHERE service_point_id = " + point))
                .containsExactly("CLOSED " + day);

        assertThat(fixtures.strings("SELECT e.kind || ' ' || e.starts_at || '-' || e.ends_at FROM schedule_exception e JOIN service_point p"
                + " ON p.id = e.service_point_id WHERE p.site_id = " + cemetery + " AND e.day = '" + day + "'"))
                .containsExactly("CLOSED 09:00:00-10:00:00", "CLOSED 09:00:00-10:00:00");
        assertThat(SCREENSHOTS.resolve("admin.png")).isNotEmptyFile();
    }

    @Test
    void aCaseworkerGrantsTemporaryReliefThroughThePageAndAScriptInTheResidentsTextStaysText() throws Exception {
        String street = "NANSHAN";
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        String payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>家中失火";
        Map<String, Object> self = new LinkedHashMap<>(Map.of("relation", "SELF", "name", "冯八", "idNumber", applicant.idNumber(),
                "monthlyIncomeCny", Map.of("wages", 0), "employment", "UNEMPLOYED", "disability", "NONE"));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("address", Map.of("streetCode", street, "community", "向南社区", "detail", "南山大道1号3栋501"));
        form.put("members", List.of(self));
        form.put("assets", Map.of("depositsCny", 3000, "vehicleValuesCny", List.of(), "housingAreaSqm", 45));
        form.put("requestedAmountCny", 2000);
        form.put("situation", payload);
        long id = applicant.as().contentType(ContentType.JSON).body(Map.of("type", "RELIEF_TEMPORARY", "form", form))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        Documents.attach(applicant, id, "INCOME_PROOF");
        applicant.as().contentType(ContentType.JSON).body(Map.of("version", 0)).post("/api/v1/me/applications/" + id + "/actions/submit")
                .then().statusCode(200);
        Logins.Session colleague = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        colleague.as().contentType(ContentType.JSON).body(Map.of("version", 1)).post("/api/v1/staff/applications/" + id + "/actions/accept")
                .then().statusCode(200);
        Map<String, String> settings = new HashMap<>(staff(List.of("CASEWORKER"), List.of(), List.of(street)));
        settings.putAll(Map.of("APPLICATION", Long.toString(id), "PAYLOAD", payload, "AMOUNT", "1500", "NAME", "冯八",
                "ID_NUMBER", applicant.idNumber(), "MASKED_ID", applicant.idNumber().substring(0, 6) + "********"
                        + applicant.idNumber().substring(14)));

        run("casework", settings);

        assertThat(fixtures.strings("SELECT status FROM application WHERE id = " + id)).containsExactly("APPROVED");
        assertThat(fixtures.strings("SELECT action || ' ' || coalesce(to_status, '') FROM application_history WHERE application_id = "
                + id + " ORDER BY version DESC LIMIT 1")).containsExactly("grant APPROVED");
        assertThat(fixtures.strings("SELECT purpose FROM audit_log WHERE action = 'REVEAL_APPLICATION_FIELD' AND subject = 'application:"
                + id + "'")).singleElement().asString().startsWith("核对户籍信息 [members[0].");
        assertThat(SCREENSHOTS.resolve("casework.png")).isNotEmptyFile();
    }
}
