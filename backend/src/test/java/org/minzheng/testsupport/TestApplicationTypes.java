package org.minzheng.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.minzheng.casework.ApplicationType;
import org.minzheng.casework.DocumentRules;
import org.minzheng.casework.Workflow;
import org.minzheng.casework.Workflow.Transition;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** An application type that exists only in tests, to drive the casework engine before the domains supply theirs. */
public final class TestApplicationTypes {

    public static final String RELIEF = "TEST_RELIEF";
    public static final String DOCUMENTED = "TEST_DOCUMENTED";

    private TestApplicationTypes() {
    }

    /** A street-to-district flow in small: submit, accept, review (with notes), approve or reject; return and withdraw. */
    @ApplicationScoped
    public static class Relief implements ApplicationType {

        private static final Set<String> APPLICANT = Set.of(Workflow.APPLICANT);
        private static final Set<String> STREET = Set.of("CASEWORKER");
        private static final Set<String> DISTRICT = Set.of("APPROVER");

        @Override
        public String type() {
            return RELIEF;
        }

        @Override
        public Workflow workflow() {
            return new Workflow(Workflow.DRAFT, List.of(
                    new Transition("DRAFT", "submit", "SUBMITTED", APPLICANT, false, false),
                    new Transition("SUBMITTED", "accept", "ACCEPTED", STREET, false, false),
                    new Transition("SUBMITTED", "return", "RETURNED", STREET, true, true),
                    new Transition("RETURNED", "resubmit", "SUBMITTED", APPLICANT, false, false),
                    new Transition("ACCEPTED", "review", "REVIEWED", STREET, true, false),
                    new Transition("REVIEWED", "approve", "APPROVED", DISTRICT, false, false),
                    new Transition("REVIEWED", "reject", "REJECTED", DISTRICT, true, true),
                    new Transition("DRAFT", "withdraw", "WITHDRAWN", APPLICANT, false, false),
                    new Transition("SUBMITTED", "withdraw", "WITHDRAWN", APPLICANT, false, false),
                    new Transition("RETURNED", "withdraw", "WITHDRAWN", APPLICANT, false, false)),
                    Map.of("SUBMITTED", Duration.ofDays(3), "ACCEPTED", Duration.ofDays(10), "REVIEWED", Duration.ofDays(5),
                            "RETURNED", Duration.ofDays(15)));
        }

        @Override
        public void validate(Map<String, Object> form) {
            Object size = form.get("householdSize");
            if (size != null && !(size instanceof Integer n && n >= 1 && n <= 20)) {
                throw new DomainException(400, "VALIDATION_FAILED",
                        List.of(new FieldError("form.householdSize", "OUT_OF_RANGE", null)), Map.of());
            }
        }
    }

    /**
     * A type that takes its proofs with it: submitting (and resubmitting after a return) needs a document; PDF and
     * JPEG only, of two kinds, three at most.
     */
    @ApplicationScoped
    public static class Documented implements ApplicationType {

        public static final int MAX_DOCUMENTS = 3;

        @Override
        public String type() {
            return DOCUMENTED;
        }

        @Override
        public Workflow workflow() {
            Set<String> applicant = Set.of(Workflow.APPLICANT);
            Set<String> street = Set.of("CASEWORKER");
            return new Workflow(Workflow.DRAFT, List.of(
                    new Transition("DRAFT", "submit", "SUBMITTED", applicant, false, false, true),
                    new Transition("SUBMITTED", "return", "RETURNED", street, true, true),
                    new Transition("RETURNED", "resubmit", "SUBMITTED", applicant, false, false, true),
                    new Transition("SUBMITTED", "accept", "ACCEPTED", street, false, false),
                    new Transition("DRAFT", "withdraw", "WITHDRAWN", applicant, false, false)),
                    Map.of("SUBMITTED", Duration.ofDays(3)));
        }

        @Override
        public void validate(Map<String, Object> form) {
        }

        @Override
        public DocumentRules documentRules() {
            return new DocumentRules(Set.of("application/pdf", "image/jpeg"), DocumentRules.DEFAULT.maxBytes(),
                    MAX_DOCUMENTS, Set.of("ID_CARD", "INCOME_PROOF"));
        }
    }
}
