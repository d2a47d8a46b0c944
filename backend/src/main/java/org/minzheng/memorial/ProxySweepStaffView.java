package org.minzheng.memorial;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A proxy sweep as the cemetery's staff see it: the grave's place and the message (the work needs them),
 * the resident's name masked.
 */
public record ProxySweepStaffView(long id, long cemeteryId, LocalDate day, ProxySweep.Status status, String residentName,
        String graveLocation, String message, String note, String photoRef, Long doneBy, Instant doneAt,
        Instant createdAt) {

    @Override
    public String toString() {
        return "ProxySweepStaffView[" + id + ", " + status + "]"; // never the texts in logs
    }
}
