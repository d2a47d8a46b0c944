package org.minzheng.memorial;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A proxy sweep as its resident sees it: their own texts in full, and once done the staff's note and
 * photo reference.
 */
public record ProxySweepView(long id, long cemeteryId, LocalDate day, ProxySweep.Status status, String graveLocation,
        String message, String note, String photoRef, Instant createdAt, Instant doneAt, Instant cancelledAt) {

    @Override
    public String toString() {
        return "ProxySweepView[" + id + ", " + status + "]"; // never the texts in logs
    }
}
