package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A bookable piece of a day at a point for one service type, materialised ahead of time from schedules
 * and exceptions (see {@code SlotMaterialiser}) so that availability reads and the booking step touch one
 * row. Read-only as an entity: the materialiser writes the supply columns with SQL, and the booking step
 * moves {@link #booked} with a guarded {@code UPDATE ... SET booked = booked + :units WHERE booked + :units
 * <= capacity AND NOT closed}. The database keeps {@code booked <= capacity}.
 */
@Entity
@Immutable
@Table(name = "slot")
public class Slot {

    @Id
    public Long id;

    @Column(name = "service_point_id")
    public Long servicePointId;
    @Column(name = "service_type")
    public String serviceType;
    public LocalDate day;
    @Column(name = "starts_at")
    public LocalTime startsAt;
    @Column(name = "ends_at")
    public LocalTime endsAt;

    /** Units the slot offers; never below {@link #booked}. */
    public int capacity;
    /** Units taken by bookings; owned by the booking step, never written by the materialiser. */
    public int booked;
    /** When the slot opens for booking; null = open as soon as it exists. */
    @Column(name = "release_at")
    public Instant releaseAt;
    /** No longer offered (schedule changed, day closed, point deactivated) but kept for its bookings. */
    public boolean closed;
    /** Cars the slot can park; null: no parking offered. Never below {@link #parkingBooked}. */
    @Column(name = "parking_capacity")
    public Integer parkingCapacity;
    /** Cars taken by bookings, moved in the same statement as {@link #booked}. */
    @Column(name = "parking_booked")
    public int parkingBooked;
    /** The schedule it was cut from; null for a special opening. */
    @Column(name = "schedule_id")
    public Long scheduleId;

    public int remaining() {
        return closed ? 0 : capacity - booked;
    }
}
