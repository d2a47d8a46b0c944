package org.minzheng.casework;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A type's workflow as data: {@code from --action[roles]--> to}, whether the action needs a comment (a
 * reason the applicant reads) or documents, and how long each state may take before its case is overdue.
 * The applicant acts with the role {@link #APPLICANT}; staff with their roles. A transition with the role
 * {@link #TIMER} is taken by the engine when its state's time runs out (a public notice ends, a grant
 * expires); nothing else moves without a person.
 */
public record Workflow(String initial, List<Transition> transitions, Map<String, Duration> sla) {

    public static final String APPLICANT = "APPLICANT";
    public static final String TIMER = "TIMER";
    public static final String DRAFT = "DRAFT";

    public Workflow {
        for (Transition t : transitions) {
            if (t.timed() && (!sla.containsKey(t.from()) || t.roles().size() != 1
                    || transitions.stream().filter(o -> o.timed() && o.from().equals(t.from())).count() > 1)) {
                throw new IllegalArgumentException("a timed transition is the only one of its state, which has a time: "
                        + t.action() + " from " + t.from());
            }
        }
    }

    /**
     * {@code tellsApplicant}: the comment is shown to the applicant (a rejection's reason, what to supplement).
     * {@code requiresDocuments}: the application must hold at least one document (a submission with its proofs).
     */
    public record Transition(String from, String action, String to, Set<String> roles, boolean requiresComment,
            boolean tellsApplicant, boolean requiresDocuments) {

        public Transition {
            if (from.equals(to)) {
                throw new IllegalArgumentException("a transition changes the state: " + action + " from " + from);
            }
        }

        /** A transition that needs no documents. */
        public Transition(String from, String action, String to, Set<String> roles, boolean requiresComment,
                boolean tellsApplicant) {
            this(from, action, to, roles, requiresComment, tellsApplicant, false);
        }

        public boolean byApplicant() {
            return roles.contains(APPLICANT);
        }

        public boolean timed() {
            return roles.contains(TIMER);
        }
    }

    public Optional<Transition> find(String from, String action) {
        return transitions.stream().filter(t -> t.from().equals(from) && t.action().equals(action)).findFirst();
    }

    /** The actions that leave {@code status}. */
    public List<Transition> from(String status) {
        return transitions.stream().filter(t -> t.from().equals(status)).toList();
    }

    /** Whether no action leaves {@code status}: the case is decided (or withdrawn). */
    public boolean isFinal(String status) {
        return from(status).isEmpty();
    }

    public Optional<Duration> slaOf(String status) {
        return Optional.ofNullable(sla.get(status));
    }
}
