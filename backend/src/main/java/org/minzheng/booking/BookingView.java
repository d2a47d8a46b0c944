package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A booking as residents and staff see it: personal data masked. */
public record BookingView(long id, String reference, BookingStatus status, String serviceType, long servicePointId,
        long slotId, LocalDate day, LocalTime startsAt, LocalTime endsAt, int units, List<PersonView> people,
        Instant holdUntil, Instant createdAt) {

    /** {@code reference} is {@code resident:7} or {@code dependant:9}; the name is masked. */
    public record PersonView(String reference, String name) {
    }
}
