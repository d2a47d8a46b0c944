package org.minzheng.eldercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzheng.casework.service.Applications;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Documents;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Eligibility for every elderly service with reasons, at the age boundaries and with relief from an approved case. */
@QuarkusTest
class ElderEligibilityTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    BookingFixtures fixtures;
    @Inject
    TestClock clock;
    @Inject
    Applications applications;

    private LocalDate today;
    private BookingFixtures.Resident family;

    /** Ages count on the bureau's day (Asia/Shanghai), the server's clock being the real one here. */
    @BeforeEach
    void family() {
        today = LocalDate.now(SHANGHAI);
        family = fixtures.verifiedResidents(1).get(0);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A dependant of the family resident who turns {@code age} today (or did yesterday's-tomorrow: {@code dayOffset}). */
    private long elder(int age, int dayOffset, String name) {
        return fixtures.dependant(family.id(), name, TestIds.nanshan(today.minusYears(age).plusDays(dayOffset), true));
    }

    private void declare(long person, String hukou, String disability) {
        Map<String, Object> body = new HashMap<>(Map.of("disability", disability));
        body.put("hukouRegion", hukou);
        family.as().contentType(ContentType.JSON).queryParam("person", person).body(body)
                .put("/api/v1/me/eldercare/profile").then().statusCode(200).body("verified", equalTo(false));
    }

    private JsonPath eligibility(long person) {
        return family.as().queryParam("person", person).get("/api/v1/me/eldercare/eligibility").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> service(JsonPath report, String code) {
        return report.getMap("services.find { it.service == '" + code + "' }");
    }

    @Test
    void sixtyOnTheBirthdayItselfAndNotADayBefore() {
        long sixty = elder(60, 0, "甲六十");
        long almost = elder(60, 1, "乙五九");
        declare(sixty, "440305", "MILD");
        declare(almost, "440305", "MILD");
        JsonPath turned = eligibility(sixty);
        assertThat(turned.getInt("age")).isEqualTo(60);
        assertThat(service(turned, "HOME_ADAPTATION")).containsEntry("eligible", true).containsEntry("provisional", true);
        assertThat((String) service(turned, "HOME_ADAPTATION").get("reason")).contains("年满60周岁", "轻度失能");
        assertThat(service(turned, "MEAL")).containsEntry("tier", "FULL_PRICE").containsEntry("subsidyCny", 0);
        assertThat(service(turned, "HOME_CARE_BED")).containsEntry("eligible", true);
        assertThat(service(turned, "RESPITE")).containsEntry("eligible", false); // mild is not enough for respite
        JsonPath notYet = eligibility(almost);
        assertThat(notYet.getInt("age")).isEqualTo(59);
        for (String code : List.of("HOME_ADAPTATION", "MEAL", "RESPITE", "HOME_CARE_BED")) {
            assertThat(service(notYet, code)).as(code).containsEntry("eligible", false);
        }
        assertThat((String) service(notYet, "MEAL").get("reason")).contains("现年59周岁");
    }

    @Test
    void seventyWithLocalHukouAndTheMealTiersUpToACentenarian() {
        long seventy = elder(70, 0, "丙七十");
        long sixtyNine = elder(70, 1, "丁六九");
        long ninetyNine = elder(100, 1, "戊九九");
        long hundred = elder(100, 0, "己一百");
        for (long person : List.of(seventy, sixtyNine, ninetyNine)) {
            declare(person, "440305", "NONE");
        }
        JsonPath at70 = eligibility(seventy);
        assertThat(service(at70, "HOME_ADAPTATION")).containsEntry("eligible", true);
        assertThat((String) service(at70, "HOME_ADAPTATION").get("reason")).contains("年满70周岁", "本区户籍");
        assertThat(service(at70, "MEAL")).containsEntry("tier", "HUKOU_70_99").containsEntry("subsidyCny", 5);
        JsonPath at69 = eligibility(sixtyNine);
        assertThat(service(at69, "HOME_ADAPTATION")).containsEntry("eligible", false);
        assertThat((String) service(at69, "HOME_ADAPTATION").get("reason")).contains("现年69周岁", "救助身份须经工作人员核验后适用");
        assertThat(service(at69, "MEAL")).containsEntry("tier", "FULL_PRICE");
        assertThat(service(eligibility(ninetyNine), "MEAL")).containsEntry("tier", "HUKOU_70_99").containsEntry("subsidyCny", 5);
        // a centenarian is in the top tier with nothing declared at all
        assertThat(service(eligibility(hundred), "MEAL")).containsEntry("tier", "KEY_GROUPS").containsEntry("subsidyCny", 15)
                .containsEntry("provisional", false);
        // another city's hukou is not this city's
        declare(seventy, "440106", "NONE");
        assertThat(service(eligibility(seventy), "MEAL")).containsEntry("tier", "FULL_PRICE");
        assertThat((String) service(eligibility(seventy), "HOME_ADAPTATION").get("reason")).contains("非本区户籍");
    }

    @Test
    void administratorsKeepTheRulesAndRulesThatMeanNothingAreRefused() {
        Logins.Session admin = Logins.admin();
        Map<String, Object> visit = Map.of("name", "探访关爱", "tiers", List.of(Map.of("code", "ELIGIBLE", "name", "可申请",
                "alternatives", List.of(Map.of("minAge", 80, "hukou", "CITY")))));
        admin.as().contentType(ContentType.JSON).body(visit).put("/api/v1/admin/eldercare/services/TEST_VISIT").then()
                .statusCode(200);
        admin.as().get("/api/v1/admin/eldercare/services").then().statusCode(200)
                .body("find { it.code == 'TEST_VISIT' }.tiers[0].alternatives[0].hukou", equalTo("CITY"));
        long eighty = elder(80, 0, "辰八十");
        declare(eighty, "440303", "NONE");
        JsonPath report = eligibility(eighty);
        assertThat(service(report, "TEST_VISIT")).containsEntry("eligible", true).containsEntry("provisional", true);
        assertThat(service(report, "MEAL")).containsEntry("tier", "HUKOU_70_99"); // the others still read
        // an empty alternative would give the tier to everyone; ages out of order, empty lists, twice the same tier
        for (Map<String, Object> tier : List.<Map<String, Object>>of(
                Map.of("code", "A", "name", "a", "alternatives", List.of(Map.of())),
                Map.of("code", "A", "name", "a", "alternatives", List.of(Map.of("minAge", 90, "maxAge", 60))),
                Map.of("code", "A", "name", "a", "alternatives", List.of(Map.of("relief", List.of()))))) {
            admin.as().contentType(ContentType.JSON).body(Map.of("name", "坏规则", "tiers", List.of(tier)))
                    .put("/api/v1/admin/eldercare/services/TEST_BROKEN").then().statusCode(400);
        }
        Map<String, Object> once = Map.of("code", "A", "name", "a", "alternatives", List.of(Map.of("minAge", 60)));
        admin.as().contentType(ContentType.JSON).body(Map.of("name", "坏规则", "tiers", List.of(once, once)))
                .put("/api/v1/admin/eldercare/services/TEST_BROKEN").then().statusCode(400);
        assertThat(fixtures.count("SELECT count(*) FROM eldercare_service WHERE code = 'TEST_BROKEN'")).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM eldercare_service WHERE jsonb_typeof(tiers) <> 'array'")).isZero();
    }

    @Test
    void reliefFromAnApprovedCaseCountsForSelfAndForADependantOnceStaffVerifiedThem() throws Throwable {
        String parentId = TestIds.nanshan(today.minusYears(65), false);
        long parent = fixtures.dependant(family.id(), "庚母", parentId);
        declare(parent, "440305", "NONE");
        // before any relief: full price, no adaptation
        JsonPath before = eligibility(parent);
        assertThat(service(before, "MEAL")).containsEntry("tier", "FULL_PRICE");

        approveDibao(parentId);
        // the dependant was added on the family's word: their relief is not told until staff verified them
        JsonPath unverified = eligibility(parent);
        assertThat(service(unverified, "MEAL")).containsEntry("tier", "FULL_PRICE");
        assertThat((String) service(unverified, "HOME_ADAPTATION").get("reason")).contains("救助身份须经工作人员核验后适用");
        // staff verify it within the family's application (in their street), from the documents in front of them
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("NANSHAN"));
        Logins.Session elsewhere = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("XILI"));
        long registration = family.as().contentType(ContentType.JSON).body(Map.of("type", "ELDER_MEAL_SUBSIDY", "form",
                Map.of("person", parent, "address", Map.of("streetCode", "NANSHAN")))).post("/api/v1/me/applications").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        family.as().contentType(ContentType.JSON).body(Map.of("version", 0))
                .post("/api/v1/me/applications/" + registration + "/actions/submit").then().statusCode(200);
        Map<String, Object> seen = Map.of("seen", Map.of("hukouRegion", "440305", "disability", "NONE"));
        elsewhere.as().contentType(ContentType.JSON).body(seen).post("/api/v1/staff/applications/" + registration + "/elder-profile")
                .then().statusCode(404);
        caseworker.as().contentType(ContentType.JSON).body(seen).post("/api/v1/staff/applications/" + registration + "/elder-profile")
                .then().statusCode(200).body("verified", equalTo(true));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'ELDER_PROFILE_VERIFIED' AND actor_id = '"
                + caseworker.id() + "' AND subject = 'application:" + registration + "'")).isEqualTo(1);
        // a stranger naming the same person as their dependant starts from nothing and learns nothing
        BookingFixtures.Resident stranger = fixtures.verifiedResidents(1).get(0);
        long named = fixtures.dependant(stranger.id(), "庚母", parentId);
        JsonPath theirs = stranger.as().queryParam("person", named).get("/api/v1/me/eldercare/eligibility").then().statusCode(200)
                .extract().jsonPath();
        assertThat(theirs.getBoolean("profile.verified")).isFalse();
        assertThat(service(theirs, "MEAL")).containsEntry("tier", "FULL_PRICE");
        assertThat((String) service(theirs, "HOME_ADAPTATION").get("reason")).contains("救助身份须经工作人员核验后适用")
                .doesNotContain("未享受");
        stranger.as().contentType(ContentType.JSON).queryParam("person", named).body(Map.of("hukouRegion", "440106",
                "disability", "SEVERE")).put("/api/v1/me/eldercare/profile").then().statusCode(200);
        JsonPath verified = eligibility(parent);
        assertThat(service(verified, "MEAL")).containsEntry("tier", "KEY_GROUPS").containsEntry("subsidyCny", 15)
                .containsEntry("provisional", false);
        assertThat((String) service(verified, "MEAL").get("reason")).contains("享受特困、低保、低保边缘");
        assertThat(service(verified, "HOME_ADAPTATION")).containsEntry("eligible", true);
        // the stranger's word changed nothing of the family's; the family's own change is unverified again
        assertThat(eligibility(parent).getBoolean("profile.verified")).isTrue();
        declare(parent, "440305", "SEVERE");
        assertThat(service(eligibility(parent), "MEAL")).containsEntry("tier", "FULL_PRICE");
        assertThat(service(eligibility(parent), "RESPITE")).containsEntry("eligible", true).containsEntry("provisional", true);
        // health data is sealed at rest
        assertThat(fixtures.count("SELECT count(*) FROM elder_profile WHERE position(convert_to('SEVERE', 'UTF8') IN profile_enc) > 0"))
                .isZero();
    }

    /** The parent, as a member of the family's household, through the whole relief procedure to approval. */
    private void approveDibao(String parentId) throws Throwable {
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("NANSHAN"));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        List<Map<String, Object>> members = List.of(member("SELF", "庚子", family.idNumber()), member("PARENT", "庚母", parentId));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("address", Map.of("streetCode", "NANSHAN"));
        form.put("members", members);
        long id = family.as().contentType(ContentType.JSON).body(Map.of("type", "RELIEF_DIBAO", "form", form))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        Documents.attach(family, id, "HOUSEHOLD_REGISTER");
        family.as().contentType(ContentType.JSON).body(Map.of("version", 0)).post("/api/v1/me/applications/" + id + "/actions/submit")
                .then().statusCode(200);
        int version = 1;
        for (String action : List.of("accept", "investigate", "review", "publish")) {
            caseworker.as().contentType(ContentType.JSON).body(Map.of("version", version++, "comment", "核实"))
                    .post("/api/v1/staff/applications/" + id + "/actions/" + action).then().statusCode(200);
        }
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        VertxContextSupport.subscribeAndAwait(() -> applications.runTimers(500));
        approver.as().contentType(ContentType.JSON).body(Map.of("version", version + 1))
                .post("/api/v1/staff/applications/" + id + "/actions/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
    }

    private static Map<String, Object> member(String relation, String name, String idNumber) {
        return new LinkedHashMap<>(Map.of("relation", relation, "name", name, "idNumber", idNumber,
                "monthlyIncomeCny", Map.of("pension", 500), "employment", "RETIRED"));
    }
}
