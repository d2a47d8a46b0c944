package org.minzheng.common.error;

import io.vertx.pgclient.PgException;

import org.hibernate.exception.ConstraintViolationException;

/** Reads PostgreSQL's verdict out of whatever Hibernate Reactive wrapped it in. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private DatabaseErrors() {
    }

    public static boolean uniqueViolation(Throwable failure) {
        return violation(failure, UNIQUE_VIOLATION, ConstraintViolationException.ConstraintKind.UNIQUE);
    }

    /**
     * Whether PostgreSQL gave up on the transaction because of another one (a deadlock, a serialization
     * failure): nothing was written, and the same request may simply be tried again.
     */
    public static boolean concurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (DEADLOCK.equals(state) || SERIALIZATION_FAILURE.equals(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the request waited for a pooled PostgreSQL connection longer than the pool allows (Vert.x' SQL pool
     * fails the wait with a bare "Timeout"): the backend is overloaded.
     */
    public static boolean noConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Hibernate's verdict that a row changed since it was read (its {@code @Version} moved on). */
    public static boolean staleVersion(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
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
