package org.minzheng.booking;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Units of one slot taken for one or more people, by a resident (or by staff for a walk-in). */
@Entity
@Table(name = "booking")
public class Booking {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String reference;
    @Column(name = "resident_id")
    public Long residentId;
    @Column(name = "slot_id")
    public Long slotId;
    @Column(name = "service_type")
    public String serviceType;
    @Column(name = "service_point_id")
    public Long servicePointId;
    public LocalDate day;
    public int units;
    /** Parking places taken from the slot beside the units (a car at a cemetery gate). */
    @Column(name = "parking_units")
    public int parkingUnits;
    @Enumerated(EnumType.STRING)
    public BookingStatus status;
    @Column(name = "hold_until")
    public Instant holdUntil;
    /** Type-specific, non-personal details (e.g. a car plate class, a topic); personal data never goes here. */
    @JdbcTypeCode(SqlTypes.JSON)
    public java.util.Map<String, Object> details;
    /** Personal details of the booking (a car plate), sealed with the personal-data cipher; null if none. */
    @Column(name = "sealed_details")
    public byte[] sealedDetails;
    @Column(name = "created_by_staff")
    public Long createdByStaff;
    @Column(name = "checked_in_at")
    public Instant checkedInAt;
    @Column(name = "checked_in_by")
    public Long checkedInBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    /** A new booking of units of a slot, with a fresh reference; the caller sets who and the status. */
    public static Booking of(SlotInfo slot, int units, BookingStatus status, java.time.Instant now) {
        Booking booking = new Booking();
        booking.reference = ReferenceCode.next();
        booking.slotId = slot.id();
        booking.serviceType = slot.serviceType();
        booking.servicePointId = slot.servicePointId();
        booking.day = slot.day();
        booking.units = units;
        booking.status = status;
        booking.details = java.util.Map.of();
        // PostgreSQL keeps microseconds: answer what a later read will show
        booking.createdAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        booking.updatedAt = booking.createdAt;
        return booking;
    }
}
