package org.minzheng.relief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.casework.service.Applications;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.relief.service.ReliefStatus;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Documents;
import org.minzheng.testsupport.Logins;
import org.minzheng.testsupport.TestClock;
import org.minzheng.testsupport.TestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Relief applications on the casework engine: households, the street-to-district flow, 公示, 临时救助, relief status. */
@QuarkusTest
class ReliefApplicationTest {

    private static final String STREET = "NANSHAN";

    @Inject
    BookingFixtures fixtures;
    @Inject
    TestClock clock;
    @Inject
    Applications applications;
    @Inject
    ReliefStatus status;
    @Inject
    PersonalDataCipher cipher;
    @Inject
    org.minzheng.notify.service.TemplateCatalogue templates;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Notices are found by masked name: earlier runs on this database must not be mistaken for this one's. */
    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierNotices() {
        fixtures.sql("DELETE FROM relief_notice WHERE masked_name IN ('龚**', '闻*', '褚**')");
    }

    private static Map<String, Object> member(String relation, String name, String idNumber, int wages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relation", relation);
        m.put("name", name);
        m.put("idNumber", idNumber);
        m.put("monthlyIncomeCny", Map.of("wages", wages));
        m.put("employment", wages > 0 ? "EMPLOYED" : "UNEMPLOYED");
        m.put("disability", "NONE");
        return m;
    }

    private static Map<String, Object> household(String street, List<Map<String, Object>> members) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("address", Map.of("streetCode", street, "community", "向南社区", "detail", "南山大道1号3栋501"));
        form.put("members", members);
        form.put("assets", Map.of("depositsCny", 3000, "vehicleValuesCny", List.of(), "housingAreaSqm", 45));
        return form;
    }

    private static ValidatableResponse draft(BookingFixtures.Resident r, String type, Map<String, Object> form) {
        return r.as().contentType(ContentType.JSON).body(Map.of("type", type, "form", form))
                .post("/api/v1/me/applications").then();
    }

    /** A draft with its proofs attached, ready to submit. */
    private static long drafted(BookingFixtures.Resident r, String type, Map<String, Object> form) {
        long id = draft(r, type, form).statusCode(201).extract().jsonPath().getLong("id");
        Documents.attach(r, id, "INCOME_PROOF");
        return id;
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

    /** {@code due} is {@code time} after a moment between {@code before} and now. */
    private void assertDueIn(String due, Instant before, Duration time) {
        assertThat(Instant.parse(due)).isBetween(before.minusMillis(1).plus(time), clock.instant().plus(time));
    }

    /** The data of the application's message for reaching {@code status}, as the outbox holds it. */
    private Map<String, Object> outboxData(long id, String status) {
        String json = fixtures.strings("SELECT data::text FROM outbox WHERE template_key = 'APPLICATION_" + status
                + "' AND dedup_key LIKE 'application:" + id + ":%'").get(0);
        return io.restassured.path.json.JsonPath.from(json).getMap("");
    }

    /** The household sizes of the running notices with this masked name and type. */
    private static List<Integer> listed(ValidatableResponse notices, String maskedName, String type) {
        return notices.extract().jsonPath().getList("items.findAll { it.maskedName == '" + maskedName + "' && it.type == '"
                + type + "' }.householdSize", Integer.class);
    }

    private int runTimers() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> applications.runTimers(200));
    }

    private static ValidatableResponse notices() {
        return io.restassured.RestAssured.given().queryParam("street", STREET).queryParam("limit", 100)
                .get("/api/v1/relief/public-notices").then().statusCode(200);
    }

    /** Submitted, accepted, investigated, reviewed and published by the street: under notice at version 5. */
    private static void toNotice(BookingFixtures.Resident applicant, Logins.Session caseworker, long id) {
        resident(applicant, id, "submit", 0).statusCode(200).body("status", equalTo("SUBMITTED"));
        staff(caseworker, id, "accept", 1, null).statusCode(200);
        staff(caseworker, id, "investigate", 2, "入户调查：三口之家，丈夫失业").statusCode(200).body("status", equalTo("INVESTIGATED"));
        staff(caseworker, id, "review", 3, "初审：符合低保条件").statusCode(200);
        staff(caseworker, id, "publish", 4, null).statusCode(200).body("status", equalTo("PUBLIC_NOTICE"));
    }

    @Test
    void aHouseholdIsAppliedForInvestigatedNoticedForSevenDaysAndApprovedForAYear() throws Throwable {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        String spouse = TestIds.adultFemale();
        String child = TestIds.nanshan(LocalDate.of(2015, 6, 1), true);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        Logins.Session otherStreet = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("XILI"));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        List<Map<String, Object>> members = List.of(member("SELF", "龚三丰", applicant.idNumber(), 0),
                member("SPOUSE", "李秀英", spouse, 1800), member("CHILD", "张小明", child, 0));

        // the form decides the street; every ID number is checked; the applicant reads back masked values
        String badId = spouse.substring(0, 17) + (spouse.charAt(17) == '0' ? '1' : '0');
        draft(applicant, "RELIEF_DIBAO", household(STREET, List.of(members.get(0), member("SPOUSE", "李秀英", badId, 0))))
                .statusCode(400).body("errors.field", hasItem("form.members[1].idNumber"))
                .body("errors.code", hasItem("ID_NUMBER_CHECK_CHARACTER"));
        draft(applicant, "RELIEF_DIBAO", household("NOWHERE", members)).statusCode(400)
                .body("errors[0].field", equalTo("form.address.streetCode")).body("errors[0].code", equalTo("UNKNOWN_STREET"));
        applicant.as().contentType(ContentType.JSON).body(Map.of("type", "RELIEF_DIBAO", "streetCode", "XILI",
                "form", household(STREET, members))).post("/api/v1/me/applications").then().statusCode(422)
                .body("code", equalTo("STREET_MISMATCH"));
        long id = draft(applicant, "RELIEF_DIBAO", household(STREET, members)).statusCode(201)
                .body("streetCode", equalTo(STREET)).body("form.members[0].name", equalTo("龚**"))
                .body("form.members[1].idNumber", equalTo(spouse.substring(0, 6) + "********" + spouse.substring(14)))
                .extract().jsonPath().getLong("id");
        // an edit sending the masked values back keeps what is stored
        Map<String, Object> shown = applicant.as().get("/api/v1/me/applications/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("application.form");
        applicant.as().contentType(ContentType.JSON).body(Map.of("version", 0, "form", shown))
                .put("/api/v1/me/applications/" + id + "/form").then().statusCode(200).body("version", equalTo(1));
        // submitted with its proofs: the household is complete, with the applicant as SELF
        resident(applicant, id, "submit", 1).statusCode(422).body("code", equalTo("DOCUMENTS_REQUIRED"));
        Documents.attach(applicant, id, "HOUSEHOLD_REGISTER");
        resident(applicant, id, "submit", 1).statusCode(200).body("status", equalTo("SUBMITTED"));
        otherStreet.as().get("/api/v1/staff/applications/" + id).then().statusCode(404);
        staff(otherStreet, id, "accept", 2, null).statusCode(404);
        // staff read the form masked too, and see one field whole only by saying why (audited)
        approver.as().get("/api/v1/staff/applications/" + id).then().statusCode(200)
                .body("application.form.members[1].idNumber", equalTo(spouse.substring(0, 6) + "********" + spouse.substring(14)))
                .body("application.form.members[0].name", equalTo("龚**"));
        approver.as().contentType(ContentType.JSON).body(Map.of("field", "members[1].idNumber", "purpose", "核对户籍信息"))
                .post("/api/v1/staff/applications/" + id + "/reveal").then().statusCode(200).body("value", equalTo(spouse));
        assertThat(fixtures.strings("SELECT purpose FROM audit_log WHERE action = 'REVEAL_APPLICATION_FIELD' AND subject = 'application:"
                + id + "'")).containsExactly("核对户籍信息 [members[1].idNumber]");
        approver.as().contentType(ContentType.JSON).body(Map.of("field", "members[7].idNumber", "purpose", "核对户籍信息"))
                .post("/api/v1/staff/applications/" + id + "/reveal").then().statusCode(404).body("code", equalTo("FIELD_NOT_SET"));
        approver.as().contentType(ContentType.JSON).body(Map.of("field", "members", "purpose", "核对户籍信息"))
                .post("/api/v1/staff/applications/" + id + "/reveal").then().statusCode(404);
        approver.as().contentType(ContentType.JSON).body(Map.of("field", "members[0].name')--", "purpose", "核对户籍信息"))
                .post("/api/v1/staff/applications/" + id + "/reveal").then().statusCode(400);
        approver.as().contentType(ContentType.JSON).body(Map.of("field", "members[0].name", "purpose", ""))
                .post("/api/v1/staff/applications/" + id + "/reveal").then().statusCode(400);
        otherStreet.as().contentType(ContentType.JSON).body(Map.of("field", "members[0].name", "purpose", "核对户籍信息"))
                .post("/api/v1/staff/applications/" + id + "/reveal").then().statusCode(404);
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'REVEAL_APPLICATION_FIELD' AND subject = 'application:"
                + id + "'")).isEqualTo(1);
        staff(caseworker, id, "accept", 2, null).statusCode(200).body("status", equalTo("ACCEPTED"));
        staff(caseworker, id, "investigate", 3, null).statusCode(422).body("code", equalTo("COMMENT_REQUIRED"));
        staff(approver, id, "investigate", 3, "入户调查").statusCode(403).body("code", equalTo("FORBIDDEN_ACTION"));
        staff(caseworker, id, "investigate", 3, "入户调查：三口之家，丈夫失业").statusCode(200);
        staff(caseworker, id, "review", 4, "初审：符合低保条件").statusCode(200).body("status", equalTo("REVIEWED"));
        Instant before = clock.instant();
        String due = staff(caseworker, id, "publish", 5, null).statusCode(200).body("status", equalTo("PUBLIC_NOTICE"))
                .extract().jsonPath().getString("dueAt");
        assertDueIn(due, before, Duration.ofDays(7));

        // 公示: masked name, type and household size — and nothing else of the household, nor the case's id
        String list = notices().extract().asString();
        assertThat(listed(notices(), "龚**", "DIBAO")).containsExactly(3);
        notices().body("items.find { it.maskedName == '龚**' }.keySet()", containsInAnyOrder("streetCode", "type",
                "maskedName", "householdSize", "publishedAt", "endsAt"));
        assertThat(list).doesNotContain("龚三丰", "李秀英", applicant.idNumber(), spouse, "1800", "向南社区", "\"" + id + "\"");
        // nothing auto-approves, and nothing is decided during the notice
        staff(approver, id, "approve", 6, null).statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
        staff(caseworker, id, "close_notice", 6, null).statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        runTimers();
        staff(approver, id, "approve", 6, null).statusCode(409);
        clock.advance(Duration.ofMinutes(2));
        assertThat(runTimers()).isGreaterThanOrEqualTo(1);
        assertThat(listed(notices(), "龚**", "DIBAO")).isEmpty();
        approver.as().get("/api/v1/staff/applications/" + id).then().statusCode(200)
                .body("application.status", equalTo("NOTICE_ENDED"))
                .body("history.find { it.action == 'close_notice' }.actor", equalTo("SYSTEM"));
        assertThat(runTimers()).isZero(); // once

        staff(caseworker, id, "approve", 7, null).statusCode(403);
        staff(approver, id, "approve", 7, null).statusCode(200).body("status", equalTo("APPROVED"));
        // the decision reaches WeChat as 审核结果通知 (title and outcome, nothing of the household); steps before it the inbox
        assertThat(templates.render("APPLICATION_APPROVED", outboxData(id, "APPROVED")).orElseThrow().data())
                .isEqualTo(Map.of("thing1", Map.of("value", "最低生活保障"), "phrase2", Map.of("value", "已批准")));
        assertThat(templates.render("APPLICATION_ACCEPTED", Map.of())).isEmpty();
        // the relief is in force for the household: the applicant, and a member as the applicant's dependant
        applicant.as().get("/api/v1/me/relief/status").then().statusCode(200).body("", hasSize(1))
                .body("[0].type", equalTo("DIBAO")).body("[0].applicationId", nullValue());
        byte[] spouseIndex = cipher.blindIndex("ID_NUMBER", spouse);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> status.of(spouseIndex))).hasSize(1);
        byte[] childIndex = cipher.blindIndex("ID_NUMBER", child);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> status.of(childIndex))).extracting(ReliefStatus.Grant::type)
                .containsExactly(ReliefType.DIBAO);
        List<String> validity = fixtures.strings("SELECT round(extract(epoch FROM due_at - (SELECT max(at) FROM "
                + "application_history WHERE application_id = " + id + " AND to_status = 'APPROVED')) / 86400)::text "
                + "FROM application WHERE id = " + id);
        assertThat(validity).containsExactly("365");

        // a year on, it expires by itself and the household may apply again
        clock.advance(Duration.ofDays(366));
        runTimers();
        applicant.as().get("/api/v1/me/applications/" + id).then().body("application.status", equalTo("EXPIRED"));
        applicant.as().get("/api/v1/me/relief/status").then().statusCode(200).body("", empty());
        assertThat(fixtures.count("SELECT count(*) FROM application_subject WHERE application_id = " + id + " AND holds"))
                .isZero();
    }

    @Test
    void anObjectionHoldsTheNoticeAndARejectionTellsTheApplicantWhy() throws Throwable {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        long id = drafted(applicant, "RELIEF_DIBAO_EDGE", household(STREET,
                List.of(member("SELF", "闻五", applicant.idNumber(), 1900))));
        toNotice(applicant, caseworker, id);
        assertThat(listed(notices(), "闻*", "DIBAO_EDGE")).containsExactly(1);
        // a caseworker's claim does not outlive the notice: the district decides after it
        caseworker.as().post("/api/v1/staff/applications/" + id + "/claim").then().statusCode(200).body("version", equalTo(6));
        staff(caseworker, id, "object", 6, null).statusCode(422).body("code", equalTo("COMMENT_REQUIRED"));
        staff(caseworker, id, "object", 6, "邻居反映其有出租房屋收入").statusCode(200).body("status", equalTo("OBJECTION"));
        // held: no longer shown as running (nor that anyone objected), and the clock does not end it
        assertThat(listed(notices(), "闻*", "DIBAO_EDGE")).isEmpty();
        clock.advance(Duration.ofDays(8));
        runTimers();
        applicant.as().get("/api/v1/me/applications/" + id).then().body("application.status", equalTo("OBJECTION"))
                .body("history.find { it.action == 'object' }.comment", nullValue()); // the objection is not the applicant's to read
        // looked into and dismissed: a fresh seven days
        Instant before = clock.instant();
        String due = staff(caseworker, id, "dismiss_objection", 7, "核实无出租收入").statusCode(200)
                .body("status", equalTo("PUBLIC_NOTICE")).extract().jsonPath().getString("dueAt");
        assertDueIn(due, before, Duration.ofDays(7));
        assertThat(listed(notices(), "闻*", "DIBAO_EDGE")).containsExactly(1);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(listed(notices(), "闻*", "DIBAO_EDGE")).as("past its end, timer or not").isEmpty();
        runTimers();
        approver.as().get("/api/v1/staff/applications/" + id).then().body("application.assigneeId", nullValue())
                .body("application.status", equalTo("NOTICE_ENDED"));
        staff(approver, id, "reject", 9, "").statusCode(422).body("code", equalTo("COMMENT_REQUIRED"));
        staff(approver, id, "reject", 9, "家庭人均收入高于低保边缘标准").statusCode(200).body("status", equalTo("REJECTED"));
        applicant.as().get("/api/v1/me/applications/" + id).then()
                .body("history.find { it.action == 'reject' }.comment", equalTo("家庭人均收入高于低保边缘标准"));
        assertThat(fixtures.count("SELECT count(*) FROM application_subject WHERE application_id = " + id + " AND holds"))
                .isZero();
    }

    @Test
    void aPersonHoldsOnePlaceInAnActiveHouseholdFromWhenTheStreetTakesTheCaseOn() throws Exception {
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(3);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        String shared = TestIds.adultFemale();
        long first = drafted(applicants.get(0), "RELIEF_DIBAO", household(STREET, List.of(
                member("SELF", "赵一", applicants.get(0).idNumber(), 0), member("PARENT", "赵母", shared, 0))));
        long second = drafted(applicants.get(1), "RELIEF_TEKUN", household(STREET, List.of(
                member("SELF", "钱二", applicants.get(1).idNumber(), 0), member("OTHER", "赵母", shared, 0))));
        // submitting tells a resident nothing of anyone else's case
        resident(applicants.get(0), first, "submit", 0).statusCode(200);
        resident(applicants.get(1), second, "submit", 0).statusCode(200);
        staff(caseworker, first, "accept", 1, null).statusCode(200);
        // the street, taking the second on, learns which member is held elsewhere; nothing changed
        staff(caseworker, second, "accept", 1, null).statusCode(409).body("code", equalTo("SUBJECT_IN_OTHER_APPLICATION"))
                .body("errors[0].field", equalTo("form.members[1].idNumber"));
        assertThat(fixtures.count("SELECT count(*) FROM application WHERE id = " + second + " AND status = 'SUBMITTED'"))
                .isEqualTo(1);
        // 临时救助 comes on top of a household's relief
        Map<String, Object> temporary = household(STREET, List.of(member("SELF", "孙三", applicants.get(2).idNumber(), 0),
                member("PARENT", "赵母", shared, 0)));
        temporary.put("requestedAmountCny", 2000);
        temporary.put("situation", "家中失火，急需生活费");
        long urgent = drafted(applicants.get(2), "RELIEF_TEMPORARY", temporary);
        resident(applicants.get(2), urgent, "submit", 0).statusCode(200);
        staff(caseworker, urgent, "accept", 1, null).statusCode(200);
        // withdrawn, the place is free again
        resident(applicants.get(0), first, "withdraw", 2).statusCode(200);
        staff(caseworker, second, "accept", 1, null).statusCode(200).body("status", equalTo("ACCEPTED"));
        // returned for a supplement, the household gives its places back until the street takes it on again
        staff(caseworker, second, "return", 2, "请补充户口簿").statusCode(200);
        assertThat(fixtures.count("SELECT count(*) FROM application_subject WHERE application_id = " + second + " AND holds"))
                .isZero();
    }

    @Test
    void twoHouseholdsNamingTheSamePersonTakenOnAtOnceGiveThePlaceToOne() throws Exception {
        int pairs = 6;
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(2 * pairs);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        Logins.Session colleague = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        List<long[]> cases = new ArrayList<>();
        List<String> contested = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String person = TestIds.adultMale();
            contested.add(person);
            long[] pair = new long[2];
            for (int j = 0; j < 2; j++) {
                BookingFixtures.Resident r = applicants.get(2 * i + j);
                pair[j] = drafted(r, "RELIEF_DIBAO", household(STREET, List.of(member("SELF", "周五", r.idNumber(), 0),
                        member("SIBLING", "孙四", person, 0))));
                resident(r, pair[j], "submit", 0).statusCode(200);
            }
            cases.add(pair);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (long[] pair : cases) {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<Callable<Integer>> both = List.of(
                        () -> { start.await(); return staff(caseworker, pair[0], "accept", 1, null).extract().statusCode(); },
                        () -> { start.await(); return staff(colleague, pair[1], "accept", 1, null).extract().statusCode(); });
                List<Future<Integer>> answers = both.stream().map(pool::submit).toList();
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : answers) {
                    codes.add(f.get());
                }
                assertThat(codes).as("one household takes the place").containsExactlyInAnyOrder(200, 409);
            }
        } finally {
            pool.shutdown();
        }
        for (String person : contested) {
            assertThat(fixtures.count("SELECT count(*) FROM application_subject WHERE holds AND scope = 'RELIEF_HOUSEHOLD' "
                    + "AND id_number_index = '\\x" + java.util.HexFormat.of().formatHex(cipher.blindIndex("ID_NUMBER", person))
                    + "'")).isEqualTo(1);
        }
        // and the database itself refuses a second place, whoever writes it
        long[] first = cases.get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixtures.sql("UPDATE application_subject SET holds = true, "
                + "scope = 'RELIEF_HOUSEHOLD' WHERE application_id IN (" + first[0] + ", " + first[1] + ")"))
                .hasStackTraceContaining("application_subject_one_open_place");
    }

    @Test
    void theHouseholdMustBeCompleteAndNameTheApplicantAsSelf() {
        List<BookingFixtures.Resident> residents = fixtures.verifiedResidents(2);
        BookingFixtures.Resident applicant = residents.get(0);
        long id = drafted(applicant, "RELIEF_DIBAO", household(STREET, List.of(member("SELF", "吴六", residents.get(1).idNumber(), 0))));
        resident(applicant, id, "submit", 0).statusCode(422).body("code", equalTo("SELF_IS_NOT_APPLICANT"))
                .body("errors[0].field", equalTo("form.members[0].idNumber"));
        long none = drafted(applicant, "RELIEF_DIBAO", household(STREET, List.of(member("SPOUSE", "郑七", TestIds.adultFemale(), 0))));
        resident(applicant, none, "submit", 0).statusCode(422).body("code", equalTo("FORM_INCOMPLETE"))
                .body("errors[0].code", equalTo("SELF_REQUIRED"));
        long temporary = drafted(applicant, "RELIEF_TEMPORARY", household(STREET, List.of(member("SELF", "吴六", applicant.idNumber(), 0))));
        resident(applicant, temporary, "submit", 0).statusCode(422)
                .body("errors.field", containsInAnyOrder("form.requestedAmountCny", "form.situation"));
        assertThat(fixtures.count("SELECT count(*) FROM application WHERE id IN (" + id + ", " + none + ", " + temporary
                + ") AND status = 'DRAFT' AND submitted_at IS NULL")).isEqualTo(3);
        assertThat(fixtures.count("SELECT count(*) FROM application_subject WHERE application_id IN (" + id + ", " + none + ", "
                + temporary + ")")).isZero();
        // unknown fields, at any depth, and bad values are named
        Map<String, Object> stranger = member("BOSS", "吴六", applicant.idNumber(), -5);
        stranger.put("bankPassword", "123456");
        Map<String, Object> odd = household(STREET, List.of(stranger));
        odd.put("address", Map.of("streetCode", STREET, "detail", "x".repeat(201), "gps", "22.5,113.9"));
        odd.put("bankPassword", "123456");
        draft(applicant, "RELIEF_DIBAO", odd).statusCode(400)
                .body("errors.field", hasItem("form.members[0].relation"))
                .body("errors.field", hasItem("form.members[0].monthlyIncomeCny.wages"))
                .body("errors.field", hasItem("form.members[0].bankPassword"))
                .body("errors.field", hasItem("form.address.detail"))
                .body("errors.field", hasItem("form.address.gps"))
                .body("errors.field", hasItem("form.bankPassword"));
        // a number beyond any double is out of range, not a failure of the server
        applicant.as().contentType(ContentType.JSON).body("""
                {"type": "RELIEF_DIBAO", "form": {"address": {"streetCode": "NANSHAN"}, "members": [{"relation": "SELF",
                 "name": "吴六", "idNumber": "%s", "monthlyIncomeCny": {"wages": 1e400}, "employment": "EMPLOYED"}]}}"""
                .formatted(applicant.idNumber())).post("/api/v1/me/applications").then().statusCode(400)
                .body("errors[0].field", equalTo("form.members[0].monthlyIncomeCny.wages"))
                .body("errors[0].code", equalTo("OUT_OF_RANGE"));
    }

    @Test
    void theStreetGrantsSmallTemporaryReliefAndRefersLargerAmounts() {
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(2);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        Logins.Session approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        long small = temporary(applicants.get(0), 3000);
        long large = temporary(applicants.get(1), 8000);
        for (long id : List.of(small, large)) {
            staff(caseworker, id, "accept", 1, null).statusCode(200).body("status", equalTo("ACCEPTED"));
        }
        // the street decides with the amount given: named, at most what was asked, within its limit
        staff(caseworker, small, "grant", 2, null).statusCode(422).body("errors[0].field", equalTo("data.amountCny"));
        grant(caseworker, small, "grant", 2, 3500).statusCode(422).body("errors[0].code", equalTo("OUT_OF_RANGE"));
        grant(caseworker, small, "grant", 2, 2500).statusCode(200).body("status", equalTo("APPROVED")).body("actions", empty());
        applicants.get(0).as().get("/api/v1/me/applications/" + small).then()
                .body("history.find { it.action == 'grant' }.data.amountCny", equalTo(2500));
        grant(caseworker, large, "grant", 2, 8000).statusCode(422).body("code", equalTo("ABOVE_STREET_LIMIT"))
                .body("detail", containsString("5000"));
        // refused whole: no state, no history, no message
        assertThat(fixtures.count("SELECT count(*) FROM application_history WHERE application_id = " + large)).isEqualTo(3);
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE dedup_key = 'application:" + large + ":3'")).isZero();
        staff(caseworker, large, "refer", 2, "金额超出街道额度，转报区审批").statusCode(200).body("status", equalTo("REVIEWED"));
        grant(approver, large, "approve", 3, 8000).statusCode(200).body("status", equalTo("APPROVED"));
    }

    private static ValidatableResponse grant(Logins.Session s, long id, String action, int version, int amount) {
        return s.as().contentType(ContentType.JSON).body(Map.of("version", version, "data", Map.of("amountCny", amount)))
                .post("/api/v1/staff/applications/" + id + "/actions/" + action).then();
    }

    private long temporary(BookingFixtures.Resident applicant, int amount) {
        Map<String, Object> form = household(STREET, List.of(member("SELF", "冯八", applicant.idNumber(), 0)));
        form.put("requestedAmountCny", amount);
        form.put("situation", "突发重病，医疗费用导致基本生活困难");
        long id = drafted(applicant, "RELIEF_TEMPORARY", form);
        resident(applicant, id, "submit", 0).statusCode(200);
        return id;
    }

    @Test
    void theReliefTablesHoldNoPlaintextNameIdNumberOrIncome() throws Throwable {
        BookingFixtures.Resident applicant = fixtures.verifiedResidents(1).get(0);
        Logins.Session caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        String spouse = TestIds.adultFemale();
        long id = drafted(applicant, "RELIEF_DIBAO", household(STREET, List.of(member("SELF", "褚九龄", applicant.idNumber(), 0),
                member("SPOUSE", "卫雪晴", spouse, 987654))));
        toNotice(applicant, caseworker, id);
        List<String> secrets = List.of("褚九龄", "卫雪晴", applicant.idNumber(), spouse, "987654", "三口之家", "南山大道1号",
                "向南社区");
        Map<String, String> tables = Map.of("application", "id = " + id, "application_history", "application_id = " + id,
                "application_subject", "application_id = " + id, "relief_notice", "application_id = " + id,
                "outbox", "dedup_key LIKE 'application:" + id + ":%'", "inbox_message", "dedup_key LIKE 'application:" + id + ":%'");
        for (var entry : tables.entrySet()) {
            String table = entry.getKey();
            List<String> rows = fixtures.strings("SELECT t::text FROM " + table + " t WHERE " + entry.getValue());
            assertThat(rows).isNotEmpty();
            for (String column : fixtures.strings("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                    + table + "' AND data_type = 'bytea'")) {
                for (String secret : secrets) {
                    assertThat(fixtures.count("SELECT count(*) FROM " + table + " WHERE " + entry.getValue() + " AND position("
                            + "convert_to('" + secret + "', 'UTF8') IN coalesce(" + column + ", ''::bytea)) > 0"))
                            .as(table + "." + column).isZero();
                }
            }
            for (String row : rows) {
                assertThat(row).as(table).doesNotContain(secrets);
            }
        }
    }
}
