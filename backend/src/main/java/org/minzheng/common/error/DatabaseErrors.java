package org.minzheng.common.error;

import io.vertx.pgclient.PgException;

import org.hibernate.exception.ConstraintViolationException;

/** Reads PostgreSQL's verdict out of whatever Hibernate Reactive wrapped it in. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    public static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (uniqueViolation(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
