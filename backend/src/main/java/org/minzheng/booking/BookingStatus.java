package org.minzheng.booking;

import java.util.Set;

/**
 * PENDING (a hold) → CONFIRMED → CHECKED_IN → COMPLETED; or CANCELLED, EXPIRED (hold timed out), DECLINED
 * (the hold was turned down, e.g. by a marriage partner), NO_SHOW.
 */
public enum BookingStatus {
    PENDING, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, EXPIRED, DECLINED, NO_SHOW;

    /**
     * Statuses whose units stay taken: the live ones, and the visits that happened or were missed (their
     * slot is past). Cancelled and expired bookings gave theirs back.
     */
    public static final Set<BookingStatus> HOLDING_UNITS = Set.of(PENDING, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW);

    public boolean holdsUnits() {
        return HOLDING_UNITS.contains(this);
    }
}
