package org.minzheng.eldercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Elderly services applied for through the casework engine, by the family for an elder. */
@QuarkusTest
class ElderApplicationsTest {

    private static final String STREET = "TAOYUAN";

    @Inject
    BookingFixtures fixtures;

    private BookingFixtures.Resident family;
    private Logins.Session caseworker;
    private Logins.Session approver;

    @BeforeEach
    void family() {
        family = fixtures.verifiedResidents(1).get(0);
        caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
    }

    private long elder(int age, String name, String hukou, String disability) {
        long id = fixtures.dependant(family.id(), name, TestIds.nanshan(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(age)
                .minusDays(10), false));
        Map<String, Object> profile = new HashMap<>(Map.of("disability", disability));
        profile.put("hukouRegion", hukou);
        family.as().contentType(ContentType.JSON).queryParam("person", id).body(profile).put("/api/v1/me/eldercare/profile")
                .then().statusCode(200);
        return id;
    }

    private long draft(String type, long person) {
        return family.as().contentType(ContentType.JSON).body(Map.of("type", type, "form",
                Map.of("person", person, "address", Map.of("streetCode", STREET, "detail", "侨香路1号"))))
                .post("/api/v1/me/applications").then().statusCode(201).body("streetCode", equalTo(STREET))
                .extract().jsonPath().getLong("id");
    }

    private ValidatableResponse submit(long id, int version) {
        return family.as().contentType(ContentType.JSON).body(Map.of("version", version))
                .post("/api/v1/me/applications/" + id + "/actions/submit").then();
    }

    /** The street's caseworker verifies, within the application, what the family declared for the elder. */
    private void verify(long id, String hukou, String disability) {
        caseworker.as().contentType(ContentType.JSON).body(Map.of("seen", Map.of("hukouRegion", hukou, "disability", disability)))
                .post("/api/v1/staff/applications/" + id + "/elder-profile").then().statusCode(200).body("verified", equalTo(true));
    }

    private static ValidatableResponse act(Logins.Session s, long id, String action, int version, String comment,
            Map<String, Object> data) {
        Map<String, Object> body = new HashMap<>(Map.of("version", version, "data", data));
        body.put("comment", comment);
        return s.as().contentType(ContentType.JSON).body(body).post("/api/v1/staff/applications/" + id + "/actions/" + action).then();
    }

    @Test
    void aHomeAdaptationGoesFromApplicationThroughTheAssessmentVisitToCompletionWithNotifications() {
        long parent = elder(72, "辛父", "440305", "NONE"); // 70+ with local hukou
        long id = draft("ELDER_HOME_ADAPTATION", parent);
        submit(id, 0).statusCode(200).body("status", equalTo("SUBMITTED"));
        act(caseworker, id, "accept", 1, null, Map.of()).statusCode(200);
        // the visit lists the works, each known and counted
        act(caseworker, id, "assess", 2, "入户评估：卫生间需改造", Map.of()).statusCode(422)
                .body("errors[0].field", equalTo("data.items"));
        act(caseworker, id, "assess", 2, "入户评估：卫生间需改造", Map.of("items", List.of(Map.of("work", "SWIMMING_POOL", "quantity", 1))))
                .statusCode(422).body("errors[0].field", equalTo("data.items[0]"));
        List<Map<String, Object>> works = List.of(Map.of("work", "GRAB_BAR", "quantity", 3), Map.of("work", "NON_SLIP_FLOOR", "quantity", 1));
        act(caseworker, id, "assess", 2, "入户评估：卫生间需改造", Map.of("items", works)).statusCode(200)
                .body("status", equalTo("ASSESSED"));
        act(caseworker, id, "approve", 3, null, Map.of()).statusCode(403);
        // eligible on the family's word (local hukou) got it this far; a decision needs it verified
        act(approver, id, "approve", 3, "同意改造", Map.of()).statusCode(422).body("code", equalTo("PROFILE_NOT_VERIFIED"));
        verify(id, "440305", "NONE");
        act(approver, id, "approve", 3, "同意改造", Map.of()).statusCode(200).body("status", equalTo("APPROVED"));
        act(caseworker, id, "complete", 4, "已完成安装并验收", Map.of()).statusCode(200).body("status", equalTo("COMPLETED"))
                .body("actions", org.hamcrest.Matchers.empty());
        // staff read the works in the history; the family read the decisions meant for them
        approver.as().get("/api/v1/staff/applications/" + id).then().statusCode(200)
                .body("history.find { it.action == 'assess' }.data.items[0].work", equalTo("GRAB_BAR"));
        family.as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .body("history.find { it.action == 'complete' }.comment", equalTo("已完成安装并验收"))
                .body("history.find { it.action == 'assess' }.comment", nullValue());
        // every step told the family: an outbox row (for WeChat) and an inbox message each
        assertThat(fixtures.strings("SELECT template_key FROM outbox WHERE dedup_key LIKE 'application:" + id + ":%' ORDER BY id"))
                .containsExactly("APPLICATION_SUBMITTED", "APPLICATION_ACCEPTED", "APPLICATION_ASSESSED", "APPLICATION_APPROVED",
                        "APPLICATION_COMPLETED");
        family.as().queryParam("limit", 100).get("/api/v1/me/messages").then().statusCode(200)
                .body("items.findAll { it.data.applicationId == " + id + " }.size()", equalTo(5));
    }

    @Test
    void onlyAnEligibleElderOfTheFamilyAndOneOpenApplicationPerService() {
        long tooYoung = elder(65, "壬母", "440305", "NONE");
        long id = draft("ELDER_HOME_ADAPTATION", tooYoung);
        submit(id, 0).statusCode(422).body("code", equalTo("NOT_ELIGIBLE")).body("detail", containsString("现年65周岁"));
        family.as().get("/api/v1/me/applications/" + id).then().body("application.status", equalTo("DRAFT"));
        // someone else's dependant is not this family's to apply for
        BookingFixtures.Resident other = fixtures.verifiedResidents(1).get(0);
        long stranger = fixtures.dependant(other.id(), "癸叔", TestIds.nanshan(LocalDate.of(1940, 3, 3), true));
        long theirs = draft("ELDER_HOME_ADAPTATION", stranger);
        submit(theirs, 0).statusCode(404).body("code", equalTo("DEPENDANT_NOT_FOUND"));
        // one open application per elder and service: the street learns it when taking the second on
        long elder = elder(75, "子父", "440305", "NONE");
        long first = draft("ELDER_HOME_ADAPTATION", elder);
        long second = draft("ELDER_HOME_ADAPTATION", elder);
        submit(first, 0).statusCode(200);
        submit(second, 0).statusCode(200);
        act(caseworker, first, "accept", 1, null, Map.of()).statusCode(200);
        act(caseworker, second, "accept", 1, null, Map.of()).statusCode(409).body("code", equalTo("SUBJECT_IN_OTHER_APPLICATION"))
                .body("errors[0].field", equalTo("form.person"));
        // another service for the same elder is another matter
        long meals = draft("ELDER_MEAL_SUBSIDY", elder);
        submit(meals, 0).statusCode(200);
        act(caseworker, meals, "accept", 1, null, Map.of()).statusCode(200);
        verify(meals, "440305", "NONE");
        act(caseworker, meals, "register", 2, null, Map.of()).statusCode(200).body("status", equalTo("REGISTERED"));
        // registered is held: a second registration for the elder waits until this one ends
        long again = draft("ELDER_MEAL_SUBSIDY", elder);
        submit(again, 0).statusCode(200);
        act(caseworker, again, "accept", 1, null, Map.of()).statusCode(409).body("code", equalTo("SUBJECT_IN_OTHER_APPLICATION"));
        // a family that revoked the dependant no longer gets a decision on their application
        long revoked = elder(80, "寅母", "440305", "NONE");
        long orphan = draft("ELDER_HOME_ADAPTATION", revoked);
        submit(orphan, 0).statusCode(200);
        act(caseworker, orphan, "accept", 1, null, Map.of()).statusCode(200);
        act(caseworker, orphan, "assess", 2, "入户评估", Map.of("items", List.of(Map.of("work", "GRAB_BAR", "quantity", 1))))
                .statusCode(200);
        verify(orphan, "440305", "NONE");
        fixtures.sql("UPDATE dependant SET revoked_at = now() WHERE id = " + revoked);
        act(approver, orphan, "approve", 3, null, Map.of()).statusCode(409).body("code", equalTo("ELDER_NO_LONGER_DEPENDANT"));
    }

    @Test
    void respiteApprovedWithItsDaysBecomesABalanceAndACareBedGetsItsProvider() {
        long elder = elder(80, "丑母", "440305", "SEVERE");
        long respite = draft("ELDER_RESPITE", elder);
        submit(respite, 0).statusCode(200);
        act(caseworker, respite, "accept", 1, null, Map.of()).statusCode(200);
        act(approver, respite, "approve", 2, null, Map.of()).statusCode(422).body("errors[0].field", equalTo("data.daysPerYear"));
        act(approver, respite, "approve", 2, null, Map.of("daysPerYear", 61)).statusCode(422);
        act(approver, respite, "approve", 2, "每年12天", Map.of("daysPerYear", 12)).statusCode(422)
                .body("code", equalTo("PROFILE_NOT_VERIFIED")); // severe disability, declared only
        // before verification the family sees no balances of the dependant
        family.as().queryParam("person", elder).get("/api/v1/me/eldercare/entitlements").then().statusCode(200)
                .body("", org.hamcrest.Matchers.hasSize(0));
        verify(respite, "440305", "SEVERE");
        act(approver, respite, "approve", 2, "每年12天", Map.of("daysPerYear", 12)).statusCode(200).body("status", equalTo("APPROVED"));
        // approved for a year: another respite application for the elder waits
        long twice = draft("ELDER_RESPITE", elder);
        submit(twice, 0).statusCode(200);
        act(caseworker, twice, "accept", 1, null, Map.of()).statusCode(409).body("code", equalTo("SUBJECT_IN_OTHER_APPLICATION"));
        family.as().queryParam("person", elder).get("/api/v1/me/eldercare/entitlements").then().statusCode(200)
                .body("[0].kind", equalTo("RESPITE_DAYS")).body("[0].granted", equalTo(12)).body("[0].used", equalTo(0))
                .body("[0].year", equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear()));

        long bed = draft("ELDER_HOME_CARE_BED", elder);
        submit(bed, 0).statusCode(200);
        act(caseworker, bed, "accept", 1, null, Map.of()).statusCode(200);
        act(caseworker, bed, "assess", 2, "需上门照护", Map.of()).statusCode(200);
        act(approver, bed, "approve", 3, null, Map.of()).statusCode(200); // verified for this family in the respite case
        act(caseworker, bed, "assign_provider", 4, null, Map.of("provider", "桃源居家养老服务中心", "visitWeekdays", List.of(1, 8),
                "visitTime", "09:30")).statusCode(422).body("errors[0].field", equalTo("data.visitWeekdays"));
        act(caseworker, bed, "assign_provider", 4, null, Map.of("provider", "桃源居家养老服务中心", "visitWeekdays", List.of(1, 4),
                "visitTime", "09:30")).statusCode(200).body("status", equalTo("IN_SERVICE"));
        family.as().get("/api/v1/me/applications/" + bed).then()
                .body("history.find { it.action == 'assign_provider' }.data.provider", equalTo("桃源居家养老服务中心"));
    }
}
