package org.minzheng.booking.service;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

/** Recognises Hibernate's verdict that a row changed since it was read (its {@code @Version} moved on). */
final class Versions {

    private Versions() {
    }

    static boolean stale(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
