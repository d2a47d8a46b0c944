package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.minzheng.common.time.ClockProducer;

/** What the engine needs to know of a slot; {@code booked} is as of the read. */
public record SlotInfo(long id, long servicePointId, String serviceType, LocalDate day, LocalTime startsAt,
        LocalTime endsAt, int capacity, int booked, Instant releaseAt, boolean closed) {

    public Instant startInstant() {
        return ZonedDateTime.of(day, startsAt, ClockProducer.ZONE).toInstant();
    }

    public Instant endInstant() {
        return ZonedDateTime.of(day, endsAt, ClockProducer.ZONE).toInstant();
    }

    public int remaining() {
        return closed ? 0 : capacity - booked;
    }
}
