package org.minzheng.booking;

import java.util.Set;

/** PENDING (a hold) → CONFIRMED → CHECKED_IN → COMPLETED; or CANCELLED, EXPIRED (hold timed out), NO_SHOW. */
public enum BookingStatus {
    PENDING, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, EXPIRED, NO_SHOW;

    /** Statuses that hold units of their slot. */
    public static final Set<BookingStatus> HOLDING_UNITS = Set.of(PENDING, CONFIRMED, CHECKED_IN);

    public boolean holdsUnits() {
        return HOLDING_UNITS.contains(this);
    }
}
