package org.minzheng.relief;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.minzheng.casework.Workflow;
import org.minzheng.casework.Workflow.Transition;

/**
 * The relief procedures (社会救助暂行办法) as workflows. A household's relief: applied at the street,
 * with its proofs attached, accepted, investigated at home (入户调查), reviewed (初审), seven days of public notice (公示) in the
 * community, then decided by the district — an objection during the notice holds it until the street has
 * looked into it; an approval holds for a year unless ended earlier. The street may refuse a case it cannot
 * take on; a case returned for a supplement lapses when the applicant does not answer in time. 临时救助 is
 * shorter: the street grants small amounts itself and refers larger ones to the district.
 */
public final class ReliefWorkflows {

    static final Set<String> APPLICANT = Set.of(Workflow.APPLICANT);
    static final Set<String> STREET = Set.of("CASEWORKER");
    static final Set<String> DISTRICT = Set.of("APPROVER");
    static final Set<String> TIMER = Set.of(Workflow.TIMER);

    public static final String PUBLIC_NOTICE = "PUBLIC_NOTICE";
    public static final String OBJECTION = "OBJECTION";
    public static final String APPROVED = "APPROVED";
    /** 临时救助 granted by the street itself, within its limit. */
    public static final String STREET_GRANT = "grant";
    public static final Duration NOTICE = Duration.ofDays(7);
    public static final Duration GRANT = Duration.ofDays(365);
    /** 临时救助 decided with the amount given ({@code data.amountCny}). */
    public static final String DISTRICT_APPROVAL = "approve";

    /** A household holds its members' places from the street taking the case on until it ends. */
    static final Set<String> HOLDING = Set.of("ACCEPTED", "INVESTIGATED", "REVIEWED", PUBLIC_NOTICE, OBJECTION, "NOTICE_ENDED",
            APPROVED);

    private ReliefWorkflows() {
    }

    /** 低保, 低保边缘, 支出型困难, 特困. */
    public static Workflow household() {
        List<Transition> t = new ArrayList<>(List.of(
                new Transition("DRAFT", "submit", "SUBMITTED", APPLICANT, false, false, true),
                new Transition("SUBMITTED", "accept", "ACCEPTED", STREET, false, false),
                new Transition("ACCEPTED", "investigate", "INVESTIGATED", STREET, true, false),
                new Transition("INVESTIGATED", "review", "REVIEWED", STREET, true, false),
                new Transition("REVIEWED", "publish", PUBLIC_NOTICE, STREET, false, false),
                new Transition("REVIEWED", "reject", "REJECTED", DISTRICT, true, true),
                new Transition(PUBLIC_NOTICE, "object", OBJECTION, Set.of("CASEWORKER", "APPROVER"), true, false),
                new Transition(PUBLIC_NOTICE, "close_notice", "NOTICE_ENDED", TIMER, false, false),
                new Transition(OBJECTION, "dismiss_objection", PUBLIC_NOTICE, STREET, true, false),
                new Transition(OBJECTION, "reject", "REJECTED", DISTRICT, true, true),
                new Transition("NOTICE_ENDED", "approve", APPROVED, DISTRICT, false, true),
                new Transition("NOTICE_ENDED", "reject", "REJECTED", DISTRICT, true, true),
                new Transition(APPROVED, "expire", "EXPIRED", TIMER, false, false),
                new Transition(APPROVED, "terminate", "TERMINATED", DISTRICT, true, true),
                new Transition("RETURNED", "resubmit", "SUBMITTED", APPLICANT, false, false, true),
                new Transition("RETURNED", "lapse", "LAPSED", TIMER, false, true)));
        for (String from : List.of("SUBMITTED", "ACCEPTED", "INVESTIGATED")) {
            t.add(new Transition(from, "return", "RETURNED", STREET, true, true));
            t.add(new Transition(from, "refuse", "REJECTED", STREET, true, true)); // 不予受理, or not eligible on the visit
        }
        for (String from : List.of("DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED", "INVESTIGATED", "REVIEWED", PUBLIC_NOTICE,
                OBJECTION, "NOTICE_ENDED")) {
            t.add(new Transition(from, "withdraw", "WITHDRAWN", APPLICANT, false, false));
        }
        return new Workflow(Workflow.DRAFT, List.copyOf(t), Map.of(
                "SUBMITTED", Duration.ofDays(5), "ACCEPTED", Duration.ofDays(15), "INVESTIGATED", Duration.ofDays(10),
                "REVIEWED", Duration.ofDays(5), PUBLIC_NOTICE, NOTICE, OBJECTION, Duration.ofDays(10),
                "NOTICE_ENDED", Duration.ofDays(10), "RETURNED", Duration.ofDays(30), APPROVED, GRANT));
    }

    /**
     * 临时救助: {@code grant} by the street of an amount up to its limit (checked by the type), else {@code refer}
     * to the district; either decision names the amount given.
     */
    public static Workflow temporary() {
        List<Transition> t = new ArrayList<>(List.of(
                new Transition("DRAFT", "submit", "SUBMITTED", APPLICANT, false, false, true),
                new Transition("SUBMITTED", "accept", "ACCEPTED", STREET, false, false),
                new Transition("ACCEPTED", STREET_GRANT, APPROVED, STREET, false, true),
                new Transition("ACCEPTED", "refer", "REVIEWED", STREET, true, false),
                new Transition("REVIEWED", DISTRICT_APPROVAL, APPROVED, DISTRICT, false, true),
                new Transition("REVIEWED", "reject", "REJECTED", DISTRICT, true, true),
                new Transition("RETURNED", "resubmit", "SUBMITTED", APPLICANT, false, false, true),
                new Transition("RETURNED", "lapse", "LAPSED", TIMER, false, true)));
        for (String from : List.of("SUBMITTED", "ACCEPTED")) {
            t.add(new Transition(from, "return", "RETURNED", STREET, true, true));
            t.add(new Transition(from, "refuse", "REJECTED", STREET, true, true));
        }
        for (String from : List.of("DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED", "REVIEWED")) {
            t.add(new Transition(from, "withdraw", "WITHDRAWN", APPLICANT, false, false));
        }
        return new Workflow(Workflow.DRAFT, List.copyOf(t), Map.of(
                "SUBMITTED", Duration.ofDays(2), "ACCEPTED", Duration.ofDays(5), "REVIEWED", Duration.ofDays(5),
                "RETURNED", Duration.ofDays(15)));
    }
}
