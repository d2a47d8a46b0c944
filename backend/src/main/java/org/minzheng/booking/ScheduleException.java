package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A dated departure from a point's weekly schedule for one service type (not a Java exception): the day is
 * {@code CLOSED}, has a {@code SPECIAL_OPENING} with its own window (520 or 七夕 on a weekend), or a changed
 * {@code CAPACITY} for every slot of the day. A {@code CLOSED} with a window closes the slots that overlap it
 * only (a storm in the afternoon). At most one of each kind (and closed window) per point, type and day.
 */
@Entity
@Table(name = "schedule_exception")
public class ScheduleException {

    public enum Kind {
        CLOSED, SPECIAL_OPENING, CAPACITY
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "service_point_id")
    public Long servicePointId;
    @Column(name = "service_type")
    public String serviceType;
    public LocalDate day;
    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** SPECIAL_OPENING: the window, slot length, capacity and (optional) release moment; CLOSED: an optional window. */
    @Column(name = "starts_at")
    public LocalTime startsAt;
    @Column(name = "ends_at")
    public LocalTime endsAt;
    @Column(name = "slot_minutes")
    public Integer slotMinutes;
    /** SPECIAL_OPENING and CAPACITY. */
    public Integer capacity;
    /** SPECIAL_OPENING and CAPACITY, optional: cars per slot. */
    @Column(name = "parking_capacity")
    public Integer parkingCapacity;
    @Column(name = "release_at")
    public Instant releaseAt;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;
}
