package org.minzheng.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestApplicationTypes;
import org.minzheng.testsupport.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The casework engine through the real API, with a test-only application type (TestApplicationTypes.Relief). */
@QuarkusTest
class CaseworkEngineTest {

    @Inject
    BookingFixtures fixtures;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String street() {
        return "ST" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static long draft(BookingFixtures.Resident r, String street, Map<String, Object> form) {
        return r.as().contentType(ContentType.JSON)
                .body(Map.of("type", TestApplicationTypes.RELIEF, "streetCode", street, "form", form))
                .post("/api/v1/me/applications").then().statusCode(201).body("status", equalTo("DRAFT"))
                .extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse resident(BookingFixtures.Resident r, long id, String action, int version) {
        return r.as().contentType(ContentType.JSON).body(Map.of("version", version))
                .post("/api/v1/me/applications/" + id + "/actions/" + action).then();
    }

    private static ValidatableResponse staff(Logins.Session s, long id, String action, int version, String comment) {
        Map<String, Object> body = new HashMap<>(Map.of("version", version));
        body.put("comment", comment);
        return s.as().contentType(ContentType.JSON).body(body)
                .post("/api/v1/staff/applications/" + id + "/actions/" + action).then();
    }

    @Test
    void anApplicationGoesFromDraftToDecisionWithEveryRuleOfATransition() {
        String street = street();
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        Logins.Session otherStreet = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street()));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(), List.of(street));

        long id = draft(applicant, street, Map.of("householdSize", 3, "note", "月收入九百八十元"));
        // a draft is the applicant's alone
        caseworker.as().get("/api/v1/staff/applications/" + id).then().statusCode(404);
        applicant.as().contentType(ContentType.JSON).body(Map.of("version", 0, "form", Map.of("householdSize", 4)))
                .put("/api/v1/me/applications/" + id + "/form").then().statusCode(200).body("version", equalTo(1))
                .body("form.householdSize", equalTo(4)).body("actions", containsInAnyOrder("submit", "withdraw"));
        applicant.as().contentType(ContentType.JSON).body(Map.of("version", 1, "form", Map.of("householdSize", 0)))
                .put("/api/v1/me/applications/" + id + "/form").then().statusCode(400)
                .body("errors[0].field", equalTo("form.householdSize"));
        resident(applicant, id, "submit", 1).statusCode(200).body("status", equalTo("SUBMITTED")).body("version", equalTo(2))
                .body("dueAt", notNullValue()).body("overdue", equalTo(false));
        applicant.as().contentType(ContentType.JSON).body(Map.of("version", 2, "form", Map.of("householdSize", 5)))
                .put("/api/v1/me/applications/" + id + "/form").then().statusCode(409).body("code", equalTo("NOT_EDITABLE"));

        // street and role
        otherStreet.as().get("/api/v1/staff/applications/" + id).then().statusCode(404);
        staff(otherStreet, id, "accept", 2, null).statusCode(404).body("code", equalTo("APPLICATION_NOT_FOUND"));
        staff(counter, id, "accept", 2, null).statusCode(403);
        staff(approver, id, "accept", 2, null).statusCode(403).body("code", equalTo("FORBIDDEN_ACTION"));
        resident(applicant, id, "accept", 2).statusCode(403).body("code", equalTo("FORBIDDEN_ACTION"));
        staff(caseworker, id, "approve", 2, null).statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
        // accepted once; the same request again answers the same, a stale one is refused
        staff(caseworker, id, "accept", 2, null).statusCode(200).body("status", equalTo("ACCEPTED")).body("version", equalTo(3));
        staff(caseworker, id, "accept", 2, null).statusCode(200).body("status", equalTo("ACCEPTED")).body("version", equalTo(3));
        staff(caseworker, id, "review", 2, "入户调查属实").statusCode(409).body("code", equalTo("STALE_VERSION"));
        staff(approver, id, "accept", 2, null).statusCode(409).body("code", equalTo("STALE_VERSION")); // not their request
        assertThat(fixtures.count("SELECT count(*) FROM application_history WHERE application_id = " + id)).isEqualTo(3);
        // the version may come as If-Match
        caseworker.as().contentType(ContentType.JSON).header("If-Match", "W/\"3\"").body(Map.of())
                .post("/api/v1/staff/applications/" + id + "/actions/review").then().statusCode(422)
                .body("code", equalTo("COMMENT_REQUIRED")).body("errors[0].field", equalTo("comment"));
        caseworker.as().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/staff/applications/" + id + "/actions/review").then().statusCode(428)
                .body("code", equalTo("VERSION_REQUIRED"));
        staff(caseworker, id, "review", 3, "入户调查属实，家庭月收入九百八十元").statusCode(200).body("status", equalTo("REVIEWED"));
        staff(caseworker, id, "approve", 4, null).statusCode(403).body("code", equalTo("FORBIDDEN_ACTION"));
        staff(approver, id, "reject", 4, " ").statusCode(422).body("code", equalTo("COMMENT_REQUIRED"));
        staff(approver, id, "approve", 4, null).statusCode(200).body("status", equalTo("APPROVED"))
                .body("dueAt", nullValue()).body("actions", org.hamcrest.Matchers.empty());

        // the applicant's history names roles, not people, and hides the internal review notes
        applicant.as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .body("history.action", contains("CREATE", "submit", "accept", "review", "approve"))
                .body("history.actor", contains("RESIDENT", "RESIDENT", "STAFF", "STAFF", "STAFF"))
                .body("history[3].comment", nullValue());
        approver.as().get("/api/v1/staff/applications/" + id).then().statusCode(200)
                .body("history[3].comment", equalTo("入户调查属实，家庭月收入九百八十元"))
                .body("history[2].actor", org.hamcrest.Matchers.startsWith("STAFF:"))
                .body("application.form.householdSize", equalTo(4));
        assertThat(fixtures.strings("SELECT template_key FROM outbox WHERE dedup_key LIKE 'application:" + id + ":%' ORDER BY id"))
                .containsExactly("APPLICATION_SUBMITTED", "APPLICATION_ACCEPTED", "APPLICATION_REVIEWED", "APPLICATION_APPROVED");
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE subject = 'application:" + id
                + "' AND action = 'APPLICATION_READ'")).isEqualTo(1);
        // its notifications are visible where the application is
        caseworker.as().get("/api/v1/staff/notifications?application=" + id).then().statusCode(200)
                .body("items.templateKey", hasItem("APPLICATION_APPROVED"));
        otherStreet.as().get("/api/v1/staff/notifications?application=" + id).then().statusCode(404);

        // personal data sealed; history append-only
        assertThat(fixtures.count("SELECT count(*) FROM application WHERE id = " + id
                + " AND position(convert_to('householdSize', 'UTF8') IN form_enc) = 0")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM application_history WHERE application_id = " + id
                + " AND position(convert_to('九百八十', 'UTF8') IN coalesce(comment_enc, ''::bytea)) > 0")).isZero();
        assertThatThrownBy(() -> fixtures.sql("UPDATE application_history SET action = 'x' WHERE application_id = " + id))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void aReturnTellsTheApplicantWhatToSupplementAndARejectionWhy() {
        String street = street();
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        long id = draft(applicant, street, Map.of());
        resident(applicant, id, "submit", 0).statusCode(200);
        staff(caseworker, id, "return", 1, "请补充近六个月的工资流水").statusCode(200).body("status", equalTo("RETURNED"));
        applicant.as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .body("application.actions", containsInAnyOrder("resubmit", "withdraw"))
                .body("history[2].comment", equalTo("请补充近六个月的工资流水"));
        applicant.as().contentType(ContentType.JSON).body(Map.of("version", 2, "form", Map.of("householdSize", 2)))
                .put("/api/v1/me/applications/" + id + "/form").then().statusCode(200);
        resident(applicant, id, "resubmit", 3).statusCode(200).body("status", equalTo("SUBMITTED"));
        staff(caseworker, id, "accept", 4, null).statusCode(200);
        staff(caseworker, id, "review", 5, "初审通过").statusCode(200);
        staff(approver, id, "reject", 6, "家庭人均收入高于当年标准").statusCode(200).body("status", equalTo("REJECTED"));
        applicant.as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .body("history.find { it.action == 'reject' }.comment", equalTo("家庭人均收入高于当年标准"));
        // another resident sees nothing of it
        fixtures.verifiedResidents(1).get(0).as().get("/api/v1/me/applications/" + id).then().statusCode(404);
        // and a withdrawal is the applicant's, before a decision
        long second = draft(applicant, street, Map.of());
        resident(applicant, second, "submit", 0).statusCode(200);
        resident(applicant, second, "withdraw", 1).statusCode(200).body("status", equalTo("WITHDRAWN"))
                .body("actions", org.hamcrest.Matchers.empty());
        staff(caseworker, second, "accept", 2, null).statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
    }

    @Test
    void staffNeverSeeWhatWasNotSubmittedNorListFormsAndClaimsFollowTheCase() {
        String street = street();
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(2);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        Logins.Session counter = Logins.newStaff(List.of("COUNTER"), List.of(), List.of(street));
        // a draft withdrawn before it was ever submitted stays the applicant's
        long withdrawn = draft(applicants.get(0), street, Map.of("householdSize", 2));
        resident(applicants.get(0), withdrawn, "withdraw", 0).statusCode(200).body("status", equalTo("WITHDRAWN"));
        approver.as().get("/api/v1/staff/applications/" + withdrawn).then().statusCode(404);
        approver.as().queryParam("status", "WITHDRAWN").get("/api/v1/staff/applications").then().statusCode(200)
                .body("items.id", not(hasItem((int) withdrawn)));
        // someone else's application is not mine to act on
        applicants.get(1).as().contentType(ContentType.JSON).body(Map.of("version", 1))
                .post("/api/v1/me/applications/" + withdrawn + "/actions/submit").then().statusCode(404);

        long id = draft(applicants.get(1), street, Map.of("householdSize", 3));
        resident(applicants.get(1), id, "submit", 0).statusCode(200);
        resident(applicants.get(1), id, "submit", 0).statusCode(200).body("version", equalTo(1)); // a retry
        // lists carry no form (a read of one is audited), residents see no staff ids
        caseworker.as().get("/api/v1/staff/applications").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.form", nullValue());
        // only staff who can act on it now may claim it, and only an active one who can may be given it
        approver.as().post("/api/v1/staff/applications/" + id + "/claim").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN_ACTION"));
        Logins.admin().as().contentType(ContentType.JSON).body(Map.of("staffId", counter.id()))
                .put("/api/v1/staff/applications/" + id + "/assignee").then().statusCode(409)
                .body("code", equalTo("ASSIGNEE_CANNOT_ACT"));
        caseworker.as().post("/api/v1/staff/applications/" + id + "/claim").then().statusCode(200);
        applicants.get(1).as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .body("application.assigneeId", nullValue());
        staff(caseworker, id, "return", 2, null).statusCode(422).body("code", equalTo("COMMENT_REQUIRED"));
        staff(caseworker, id, "accept", 2, null).statusCode(200);
        // a repeat is the same request: another comment makes it a different one
        staff(caseworker, id, "review", 3, "初审通过").statusCode(200).body("assigneeId", nullValue());
        staff(caseworker, id, "review", 3, "初审通过").statusCode(200).body("version", equalTo(4));
        staff(caseworker, id, "review", 3, "另一意见").statusCode(409).body("code", equalTo("STALE_VERSION"));
        // the street's claim ended with its part: the district decides without an administrator's help
        staff(approver, id, "approve", 4, null).statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void theQueueCursorKeepsItsPlaceWhenACaseMovesOn() {
        String street = street();
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(3);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = draft(applicants.get(i), street, Map.of());
            resident(applicants.get(i), ids[i], "submit", 0).statusCode(200);
        }
        String cursor = caseworker.as().queryParam("limit", 1).get("/api/v1/staff/applications").then().statusCode(200)
                .body("items.id", contains((int) ids[0])).extract().jsonPath().getString("nextCursor");
        // the first page's case is accepted: due later now; the next page still starts right after it
        staff(caseworker, ids[0], "accept", 1, null).statusCode(200);
        caseworker.as().queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/staff/applications").then()
                .statusCode(200).body("items.id", contains((int) ids[1]));
        caseworker.as().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/staff/applications").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void queuesSortByDueDateFindTheOverdueAndClaimsLockACaseToItsClaimer() {
        String street = street();
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(3);
        Logins.Session first = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        Logins.Session second = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(street));
        Logins.Session admin = Logins.admin();
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = draft(applicants.get(i), street, Map.of());
            resident(applicants.get(i), ids[i], "submit", 0).statusCode(200);
        }
        // the first one accepted: due in 10 days, behind the two submitted ones (3 days)
        staff(first, ids[0], "accept", 1, null).statusCode(200);
        first.as().queryParam("type", TestApplicationTypes.RELIEF).get("/api/v1/staff/applications").then().statusCode(200)
                .body("items.id", contains((int) ids[1], (int) ids[2], (int) ids[0]));
        first.as().queryParam("limit", 1).get("/api/v1/staff/applications").then().statusCode(200)
                .body("items.id", contains((int) ids[1])).body("nextCursor", notNullValue());
        String cursor = first.as().queryParam("limit", 1).get("/api/v1/staff/applications").jsonPath().getString("nextCursor");
        first.as().queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/staff/applications").then()
                .body("items.id", contains((int) ids[2]));

        clock.setTo(Instant.now().plus(Duration.ofDays(4)));
        first.as().queryParam("overdue", true).get("/api/v1/staff/applications").then().statusCode(200)
                .body("items.id", contains((int) ids[1], (int) ids[2])).body("items[0].overdue", equalTo(true));
        first.as().queryParam("overdue", false).get("/api/v1/staff/applications").then()
                .body("items.id", contains((int) ids[0]));

        first.as().post("/api/v1/staff/applications/" + ids[1] + "/claim").then().statusCode(200)
                .body("assigneeId", equalTo((int) first.id()));
        first.as().post("/api/v1/staff/applications/" + ids[1] + "/claim").then().statusCode(200);
        second.as().post("/api/v1/staff/applications/" + ids[1] + "/claim").then().statusCode(409)
                .body("code", equalTo("CLAIMED_BY_OTHER"));
        // a claim is a change: the version moves on
        staff(second, ids[1], "accept", 2, null).statusCode(409).body("code", equalTo("CLAIMED_BY_OTHER"));
        first.as().queryParam("assignee", "me").get("/api/v1/staff/applications").then()
                .body("items.id", contains((int) ids[1]));
        first.as().queryParam("assignee", "none").get("/api/v1/staff/applications").then()
                .body("items.id", not(hasItem((int) ids[1])));
        second.as().contentType(ContentType.JSON).body(Map.of("staffId", second.id()))
                .put("/api/v1/staff/applications/" + ids[1] + "/assignee").then().statusCode(403);
        admin.as().contentType(ContentType.JSON).body(Map.of("staffId", second.id()))
                .put("/api/v1/staff/applications/" + ids[1] + "/assignee").then().statusCode(200)
                .body("assigneeId", equalTo((int) second.id()));
        staff(second, ids[1], "accept", 3, null).statusCode(200);
        staff(first, ids[2], "accept", 1, null).statusCode(200);
        admin.as().contentType(ContentType.JSON).body(Map.of("staffId", 999_999_999L))
                .put("/api/v1/staff/applications/" + ids[2] + "/assignee").then().statusCode(404);
    }
}
