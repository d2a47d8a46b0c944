package org.minzheng.relief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.casework.Workflow;
import org.minzheng.casework.service.Applications;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.Documents;
import org.minzheng.testsupport.Logins;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every transition of both relief workflows, read from the workflows themselves: each is reached by the
 * shortest way there and then tried by the wrong role (403), staff of another street (404), at a stale
 * version (409), without its comment (422), rightly — by staff who claimed the case first — and once more as
 * the same request (idempotent). Timed transitions are refused to people, taken by the timer only when their
 * time is up, and end whatever claim there was.
 */
@QuarkusTest
class ReliefTransitionsTest {

    private static final String STREET = "SHEKOU";

    @Inject
    BookingFixtures fixtures;
    @Inject
    org.minzheng.testsupport.TestClock clock;
    @Inject
    Applications applications;

    private Logins.Session caseworker;
    private Logins.Session approver;
    private Logins.Session otherStreet;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void everyTransitionOfTheHouseholdWorkflow() throws Throwable {
        walkEveryTransition("RELIEF_DIBAO", ReliefWorkflows.household(), 1000);
    }

    @Test
    void everyTransitionOfTheTemporaryReliefWorkflow() throws Throwable {
        walkEveryTransition("RELIEF_TEMPORARY", ReliefWorkflows.temporary(), 3000);
    }

    private void walkEveryTransition(String type, Workflow workflow, int amount) throws Throwable {
        caseworker = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of(STREET));
        approver = Logins.newStaff(List.of("APPROVER"), List.of(), List.of());
        otherStreet = Logins.newStaff(List.of("CASEWORKER"), List.of(), List.of("XILI"));
        Map<String, List<Workflow.Transition>> ways = shortestWays(workflow);
        List<Workflow.Transition> all = workflow.transitions();
        List<BookingFixtures.Resident> applicants = fixtures.verifiedResidents(all.size() + 1);
        BookingFixtures.Resident stranger = applicants.get(all.size());
        int checked = 0;
        for (int i = 0; i < all.size(); i++) {
            Workflow.Transition t = all.get(i);
            BookingFixtures.Resident applicant = applicants.get(i);
            long id = draft(applicant, type, amount);
            int version = 0;
            for (Workflow.Transition step : ways.get(t.from())) {
                version = take(applicant, id, step, version, false, stranger);
            }
            take(applicant, id, t, version, true, stranger);
            checked++;
        }
        assertThat(checked).isEqualTo(all.size());
    }

    /** The transitions that lead from the draft to each state, shortest first found. */
    private static Map<String, List<Workflow.Transition>> shortestWays(Workflow workflow) {
        Map<String, List<Workflow.Transition>> ways = new HashMap<>(Map.of(workflow.initial(), List.of()));
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(workflow.initial()));
        while (!queue.isEmpty()) {
            String state = queue.poll();
            for (Workflow.Transition t : workflow.from(state)) {
                if (!ways.containsKey(t.to())) {
                    List<Workflow.Transition> way = new ArrayList<>(ways.get(state));
                    way.add(t);
                    ways.put(t.to(), way);
                    queue.add(t.to());
                }
            }
        }
        return ways;
    }

    /** Takes {@code t} at {@code version}; with {@code check}, first every way it must be refused, and a repeat after. */
    private int take(BookingFixtures.Resident applicant, long id, Workflow.Transition t, int version, boolean check,
            BookingFixtures.Resident stranger) throws Throwable {
        String comment = t.requiresComment() ? "意见：" + t.action() : null;
        String label = t.from() + " --" + t.action() + "--> " + t.to();
        if (t.timed()) {
            if (check) {
                staff(approver, id, t.action(), version, comment).statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
                runTimers();
                assertThat(status(applicant, id)).as(label + " before its time").isEqualTo(t.from());
                version = claim(id, version);
            }
            clock.advance(workflow(t).slaOf(t.from()).orElseThrow().plusMinutes(1));
            runTimers();
            assertThat(status(applicant, id)).as(label).isEqualTo(t.to());
            if (check && !workflow(t).isFinal(t.to())) {
                approver.as().get("/api/v1/staff/applications/" + id).then().statusCode(200)
                        .body("application.assigneeId", equalTo(null));
            }
            return version + 1;
        }
        if (t.byApplicant()) {
            if (check) {
                resident(stranger, id, t.action(), version).statusCode(404);
                if (!t.from().equals(Workflow.DRAFT)) {
                    staff(caseworker, id, t.action(), version, comment).statusCode(403).body("code", equalTo("FORBIDDEN_ACTION"));
                }
                if (version > 0) {
                    resident(applicant, id, t.action(), version - 1).statusCode(409).body("code", equalTo("STALE_VERSION"));
                }
            }
            resident(applicant, id, t.action(), version).statusCode(200).body("status", equalTo(t.to()));
            if (check) {
                resident(applicant, id, t.action(), version).statusCode(200).body("version", equalTo(version + 1));
            }
            return version + 1;
        }
        Logins.Session actor = t.roles().contains("CASEWORKER") ? caseworker : approver;
        Map<String, Object> data = amount(t);
        if (check) {
            version = actor.as().post("/api/v1/staff/applications/" + id + "/claim").then().statusCode(200).extract()
                    .jsonPath().getInt("version");
            Logins.Session wrongRole = t.roles().contains("APPROVER") ? (t.roles().contains("CASEWORKER") ? null : caseworker)
                    : approver;
            if (wrongRole != null) {
                staff(wrongRole, id, t.action(), version, comment).statusCode(403).body("code", equalTo("FORBIDDEN_ACTION"));
            }
            if (!t.roles().contains("APPROVER")) {
                staff(otherStreet, id, t.action(), version, comment).statusCode(404);
            }
            resident(applicant, id, t.action(), version).statusCode(403);
            staff(actor, id, t.action(), version - 1, comment, data).statusCode(409).body("code", equalTo("STALE_VERSION"));
            if (t.requiresComment()) {
                staff(actor, id, t.action(), version, null, data).statusCode(422).body("code", equalTo("COMMENT_REQUIRED"));
            }
        }
        staff(actor, id, t.action(), version, comment, data).statusCode(200).body("status", equalTo(t.to()));
        if (check) {
            staff(actor, id, t.action(), version, comment, data).statusCode(200).body("version", equalTo(version + 1));
            assertThat(fixtures.count("SELECT count(*) FROM application_history WHERE application_id = " + id
                    + " AND version = " + (version + 1))).as(label + " written once").isEqualTo(1);
            assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE dedup_key = 'application:" + id + ":" + (version + 1)
                    + "'")).as(label + " told once").isEqualTo(1);
        }
        return version + 1;
    }

    /** 临时救助 is decided with the amount given. */
    private static Map<String, Object> amount(Workflow.Transition t) {
        boolean temporary = ReliefWorkflows.temporary().transitions().contains(t)
                && !ReliefWorkflows.household().transitions().contains(t);
        return temporary && t.to().equals(ReliefWorkflows.APPROVED) ? Map.of("amountCny", 1000) : Map.of();
    }

    /** Whoever of the street or the district can act where the case is claims it (answering the new version). */
    private int claim(long id, int version) {
        for (Logins.Session staff : List.of(caseworker, approver)) {
            var answer = staff.as().post("/api/v1/staff/applications/" + id + "/claim").then().extract();
            if (answer.statusCode() == 200) {
                return answer.jsonPath().getInt("version");
            }
        }
        return version;
    }

    private static Workflow workflow(Workflow.Transition t) {
        return ReliefWorkflows.household().transitions().contains(t) ? ReliefWorkflows.household() : ReliefWorkflows.temporary();
    }

    private long draft(BookingFixtures.Resident applicant, String type, int amount) {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("relation", "SELF");
        self.put("name", "陈测试");
        self.put("idNumber", applicant.idNumber());
        self.put("monthlyIncomeCny", Map.of("pension", 600));
        self.put("employment", "RETIRED");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("address", Map.of("streetCode", STREET, "community", "海湾社区", "detail", "工业八路1号"));
        form.put("members", List.of(self));
        form.put("requestedAmountCny", amount);
        form.put("situation", "突发困难");
        long id = applicant.as().contentType(ContentType.JSON).body(Map.of("type", type, "form", form))
                .post("/api/v1/me/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        Documents.attach(applicant, id, "INCOME_PROOF");
        return id;
    }

    private static String status(BookingFixtures.Resident applicant, long id) {
        return applicant.as().get("/api/v1/me/applications/" + id).then().statusCode(200).extract().jsonPath()
                .getString("application.status");
    }

    private void runTimers() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> applications.runTimers(500));
    }

    private static ValidatableResponse resident(BookingFixtures.Resident r, long id, String action, int version) {
        return r.as().contentType(ContentType.JSON).body(Map.of("version", version))
                .post("/api/v1/me/applications/" + id + "/actions/" + action).then();
    }

    private static ValidatableResponse staff(Logins.Session s, long id, String action, int version, String comment) {
        return staff(s, id, action, version, comment, Map.of());
    }

    private static ValidatableResponse staff(Logins.Session s, long id, String action, int version, String comment,
            Map<String, Object> data) {
        Map<String, Object> body = new HashMap<>(Map.of("version", version, "data", data));
        body.put("comment", comment);
        return s.as().contentType(ContentType.JSON).body(body)
                .post("/api/v1/staff/applications/" + id + "/actions/" + action).then();
    }
}
