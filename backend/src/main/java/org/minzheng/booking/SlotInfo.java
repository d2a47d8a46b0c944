package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.minzheng.common.time.ClockProducer;

/**
 * What the engine needs to know of a slot; {@code booked} is as of the read. {@code siteId}: the site of its
 * point (a gate's cemetery), or the point itself. {@code parkingCapacity} null: no parking.
 */
public record SlotInfo(long id, long servicePointId, long siteId, String serviceType, LocalDate day, LocalTime startsAt,
        LocalTime endsAt, int capacity, int booked, Integer parkingCapacity, int parkingBooked, Instant releaseAt,
        boolean closed) {

    public Instant startInstant() {
        return ZonedDateTime.of(day, startsAt, ClockProducer.ZONE).toInstant();
    }

    public Instant endInstant() {
        return ZonedDateTime.of(day, endsAt, ClockProducer.ZONE).toInstant();
    }

    public int remaining() {
        return closed ? 0 : capacity - booked;
    }

    public int parkingRemaining() {
        return closed || parkingCapacity == null ? 0 : parkingCapacity - parkingBooked;
    }
}
