package org.minzheng.casework;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

import org.minzheng.identity.service.Principal;

/**
 * One kind of application (低保, 适老化改造, ...), supplied by its domain as a bean: its workflow, and what
 * its form must hold. The engine enforces the workflow; the domain knows the form, and may add to a
 * transition what only it knows ({@link #onTransition}).
 */
public interface ApplicationType {

    String type();

    Workflow workflow();

    /** Checks a form (a draft's or a submitted one); fails with a DomainException naming the fields. */
    void validate(Map<String, Object> form);

    /** A person the application is about, by ID number (validated); {@code field} names it in errors. */
    record Subject(String idNumber, String field) {

        @Override
        public String toString() {
            return "Subject[" + field + "]"; // never the ID number
        }
    }

    /** A transition just made (the application already in its new state), with the form it was made on. */
    record Moved(Application application, Workflow.Transition transition, Map<String, Object> form, Principal actor) {
    }

    /** The street that handles an application with this form when the form decides it (a household's address); null: the applicant names it. */
    default String streetOf(Map<String, Object> form) {
        return null;
    }

    /** The people the application is about; recorded when the applicant submits, released when the case ends. */
    default List<Subject> subjects(Map<String, Object> form) {
        return List.of();
    }

    /** Where a person may hold only one open place among applications (relief: one household); null: no limit. */
    default String exclusiveScope() {
        return null;
    }

    /** The form as its applicant reads it back (what they typed, masked). */
    default Map<String, Object> forApplicant(Map<String, Object> form) {
        return form;
    }

    /** The applicant's edit over the stored form (masked values they sent back unchanged stay as stored). */
    default Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> edited) {
        return edited;
    }

    /** In the transition's transaction, after the state changed: what the domain adds, or a refusal that undoes it all. */
    default Uni<Void> onTransition(Moved moved) {
        return Uni.createFrom().voidItem();
    }
}
