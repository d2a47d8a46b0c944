package org.minzheng.eldercare.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.minzheng.casework.Workflow;
import org.minzheng.casework.Workflow.Transition;

/**
 * The elderly services' procedures: applied for at the elder's street, accepted, then each its own way —
 * 适老化改造 assessed at home with a list of works, approved by the district, completed; 喘息服务 approved with
 * its days a year; 家庭养老床位 assessed, approved, given a care provider and visits, ended; 助餐 registered by
 * the street. A return lapses unanswered; the applicant may withdraw until a decision.
 */
public final class ElderWorkflows {

    static final Set<String> APPLICANT = Set.of(Workflow.APPLICANT);
    static final Set<String> STREET = Set.of("CASEWORKER");
    static final Set<String> DISTRICT = Set.of("APPROVER");
    static final Set<String> TIMER = Set.of(Workflow.TIMER);

    public static final String ASSESS = "assess";
    public static final String APPROVE = "approve";
    public static final String ASSIGN_PROVIDER = "assign_provider";
    public static final String REGISTER = "register";

    private ElderWorkflows() {
    }

    /** 适老化改造: the assessment visit names the works (data.items). */
    public static Workflow homeAdaptation() {
        return build(List.of(
                new Transition("ACCEPTED", ASSESS, "ASSESSED", STREET, true, false),
                new Transition("ASSESSED", APPROVE, "APPROVED", DISTRICT, false, true),
                new Transition("ASSESSED", "reject", "REJECTED", DISTRICT, true, true),
                new Transition("APPROVED", "complete", "COMPLETED", STREET, true, true)),
                List.of("ASSESSED"), Map.of("ACCEPTED", Duration.ofDays(10), "ASSESSED", Duration.ofDays(5),
                        "APPROVED", Duration.ofDays(60)));
    }

    /** 喘息服务: approved with the days a year it grants (data.daysPerYear), for a year; then applied for again. */
    public static Workflow respite() {
        return build(List.of(
                new Transition("ACCEPTED", APPROVE, "APPROVED", DISTRICT, false, true),
                new Transition("ACCEPTED", "reject", "REJECTED", DISTRICT, true, true),
                new Transition("APPROVED", "expire", "EXPIRED", TIMER, false, true)),
                List.of(), Map.of("ACCEPTED", Duration.ofDays(10), "APPROVED", Duration.ofDays(365)));
    }

    /** 家庭养老床位: after approval, a care provider and a visit schedule (data) put it in service. */
    public static Workflow homeCareBed() {
        return build(List.of(
                new Transition("ACCEPTED", ASSESS, "ASSESSED", STREET, true, false),
                new Transition("ASSESSED", APPROVE, "APPROVED", DISTRICT, false, true),
                new Transition("ASSESSED", "reject", "REJECTED", DISTRICT, true, true),
                new Transition("APPROVED", ASSIGN_PROVIDER, "IN_SERVICE", STREET, false, true),
                new Transition("IN_SERVICE", "end_service", "ENDED", STREET, true, true)),
                List.of("ASSESSED"), Map.of("ACCEPTED", Duration.ofDays(10), "ASSESSED", Duration.ofDays(5),
                        "APPROVED", Duration.ofDays(10)));
    }

    /** 助餐 subsidy registration: the street registers the elder, until it ends the registration. */
    public static Workflow mealSubsidy() {
        return build(List.of(
                new Transition("ACCEPTED", REGISTER, "REGISTERED", STREET, false, true),
                new Transition("ACCEPTED", "reject", "REJECTED", STREET, true, true),
                new Transition("REGISTERED", "end_registration", "ENDED", STREET, true, true)),
                List.of(), Map.of("ACCEPTED", Duration.ofDays(5)));
    }

    /** The common start (submit, accept, return, refuse, lapse) and withdrawals up to {@code withdrawableToo}. */
    private static Workflow build(List<Transition> own, List<String> withdrawableToo, Map<String, Duration> sla) {
        List<Transition> t = new ArrayList<>(List.of(
                new Transition("DRAFT", "submit", "SUBMITTED", APPLICANT, false, false),
                new Transition("SUBMITTED", "accept", "ACCEPTED", STREET, false, false),
                new Transition("RETURNED", "resubmit", "SUBMITTED", APPLICANT, false, false),
                new Transition("RETURNED", "lapse", "LAPSED", TIMER, false, true)));
        for (String from : List.of("SUBMITTED", "ACCEPTED")) {
            t.add(new Transition(from, "return", "RETURNED", STREET, true, true));
            t.add(new Transition(from, "refuse", "REJECTED", STREET, true, true));
        }
        List<String> withdrawable = new ArrayList<>(List.of("DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"));
        withdrawable.addAll(withdrawableToo);
        for (String from : withdrawable) {
            t.add(new Transition(from, "withdraw", "WITHDRAWN", APPLICANT, false, false));
        }
        t.addAll(own);
        Map<String, Duration> all = new HashMap<>(sla);
        all.put("SUBMITTED", Duration.ofDays(3));
        all.put("RETURNED", Duration.ofDays(30));
        return new Workflow(Workflow.DRAFT, List.copyOf(t), Map.copyOf(all));
    }
}
