package org.minzheng.casework;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;

import org.minzheng.identity.service.Principal;

/**
 * One kind of application (低保, 适老化改造, ...), supplied by its domain as a bean: its workflow, what its
 * form must hold and what documents it takes. The engine enforces the workflow and the document rules; the
 * domain knows the form, and may add to a transition what only it knows ({@link #onTransition}).
 */
public interface ApplicationType {

    String type();

    Workflow workflow();

    /** What residents call it (最低生活保障, 适老化改造), in their messages. */
    default String title() {
        return type();
    }

    /** Checks a form (a draft's or a submitted one); fails with a DomainException naming the fields. */
    void validate(Map<String, Object> form);

    /** A person the application is about, by ID number (validated); {@code field} names it in errors. */
    record Subject(String idNumber, String field) {

        @Override
        public String toString() {
            return "Subject[" + field + "]"; // never the ID number
        }
    }

    /**
     * A transition just made (the application already in its new state), with the form it was made on and
     * what the actor entered with it ({@code data}: a granted amount, a visit's findings; empty when nothing).
     */
    record Moved(Application application, Workflow.Transition transition, Map<String, Object> form,
            Map<String, Object> data, Principal actor) {
    }

    /** The street that handles an application with this form when the form decides it (a household's address); null: the applicant names it. */
    default String streetOf(Map<String, Object> form) {
        return null;
    }

    /**
     * The people the application is about (a household's members, the elder it is for); recorded when the
     * applicant submits (again after a return).
     */
    default Uni<List<Subject>> subjects(Application application, Map<String, Object> form) {
        return Uni.createFrom().item(List.of());
    }

    /** Where a person may hold only one place among applications (relief: one household); null: no limit. */
    default String exclusiveScope() {
        return null;
    }

    /**
     * The states in which the subjects hold their place in the scope: from when staff took the case on (not
     * on the applicant's word alone, so no one blocks a stranger or learns of their case by naming them)
     * until it ends.
     */
    default Set<String> holdingStates() {
        return Set.of();
    }

    /**
     * The form as anyone reads it by default, its applicant and staff alike: personal fields masked. Staff see
     * one field unmasked through an audited reveal with a purpose.
     */
    default Map<String, Object> masked(Map<String, Object> form) {
        return form;
    }

    /**
     * The form to keep from what the applicant sent: normalised, and over the stored form ({@code null} for a
     * new draft) masked values sent back unchanged stay as stored.
     */
    default Map<String, Object> prepare(Map<String, Object> stored, Map<String, Object> sent) {
        return sent;
    }

    /** In the transition's transaction, after the state changed: what the domain adds, or a refusal that undoes it all. */
    default Uni<Void> onTransition(Moved moved) {
        return Uni.createFrom().voidItem();
    }

    default DocumentRules documentRules() {
        return DocumentRules.DEFAULT;
    }
}
