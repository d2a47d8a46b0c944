package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** A booking as residents and staff see it: personal data masked. */
public record BookingView(long id, String reference, BookingStatus status, String serviceType, long servicePointId,
        long slotId, LocalDate day, LocalTime startsAt, LocalTime endsAt, int units, int parkingUnits, List<PersonView> people,
        Instant holdUntil, Instant createdAt, Map<String, Object> details, String qrPayload) {

    public BookingView withQr(String payload) {
        return new BookingView(id, reference, status, serviceType, servicePointId, slotId, day, startsAt, endsAt, units,
                parkingUnits, people, holdUntil, createdAt, details, payload);
    }

    /** {@code reference} is {@code resident:7} or {@code dependant:9}; the name is masked. */
    /** One person of the booking, name masked; {@code checkedIn} once they (or the whole booking) checked in. */
    public record PersonView(String reference, String name, boolean checkedIn) {
    }
}
