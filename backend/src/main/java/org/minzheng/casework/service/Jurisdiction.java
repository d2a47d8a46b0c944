package org.minzheng.casework.service;

import java.util.Set;

import org.minzheng.casework.Application;
import org.minzheng.casework.Workflow;
import org.minzheng.identity.service.Principal;

/**
 * Who sees and acts on which application: its applicant; a street's caseworkers on their streets;
 * district approvers and administrators on every street.
 */
final class Jurisdiction {

    static final String CASEWORKER = "CASEWORKER";
    static final String APPROVER = "APPROVER";
    static final String ADMIN = "ADMIN";
    private static final Set<String> DISTRICT = Set.of(APPROVER, ADMIN);

    private Jurisdiction() {
    }

    /** Staff who see the application at all (others get 404, as if it did not exist). */
    static boolean sees(Principal staff, Application app) {
        return staff.roles().stream().anyMatch(DISTRICT::contains)
                || staff.roles().contains(CASEWORKER) && staff.streetCodes().contains(app.streetCode);
    }

    /** Whether one of the staff member's roles allows the transition where the application is. */
    static boolean mayAct(Principal staff, Workflow.Transition t, Application app) {
        return t.roles().stream().anyMatch(role -> staff.roles().contains(role)
                && (DISTRICT.contains(role) || staff.streetCodes().contains(app.streetCode)));
    }

    static boolean isAdmin(Principal staff) {
        return staff.roles().contains(ADMIN);
    }
}
