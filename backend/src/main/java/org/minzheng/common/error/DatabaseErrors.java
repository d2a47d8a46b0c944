package org.minzheng.common.error;

import io.vertx.pgclient.PgException;

import org.hibernate.exception.ConstraintViolationException;

/** Reads PostgreSQL's verdict out of whatever Hibernate Reactive wrapped it in. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private DatabaseErrors() {
    }

    public static boolean uniqueViolation(Throwable failure) {
        return violation(failure, UNIQUE_VIOLATION, ConstraintViolationException.ConstraintKind.UNIQUE);
    }

    public static boolean foreignKeyViolation(Throwable failure) {
        return violation(failure, FOREIGN_KEY_VIOLATION, ConstraintViolationException.ConstraintKind.FOREIGN_KEY);
    }

    private static boolean violation(Throwable failure, String sqlState, ConstraintViolationException.ConstraintKind kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && sqlState.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof ConstraintViolationException violation && violation.getKind() == kind) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (violation(suppressed, sqlState, kind)) {
                    return true;
                }
            }
        }
        return false;
    }
}
