package org.minzheng.identity.service;

import java.util.List;
import java.util.Set;

/**
 * Who a token speaks for. Residents carry the single role {@code RESIDENT}; staff carry their roles and
 * the service points and streets they may act on.
 */
public record Principal(Kind kind, long id, Set<String> roles, List<Long> servicePointIds, List<String> streetCodes) {

    /** {@code SYSTEM}: the application itself, moving things whose time ran out (never from a token). */
    public enum Kind {
        RESIDENT, STAFF, SYSTEM
    }

    public static final String RESIDENT_ROLE = "RESIDENT";

    public static Principal system(String role) {
        return new Principal(Kind.SYSTEM, 0, Set.of(role), List.of(), List.of());
    }

    public static Principal resident(long id) {
        return new Principal(Kind.RESIDENT, id, Set.of(RESIDENT_ROLE), List.of(), List.of());
    }
}
