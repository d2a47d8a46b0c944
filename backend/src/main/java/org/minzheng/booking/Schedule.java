package org.minzheng.booking;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A weekly opening window of one service type at a point, cut into slots of {@code slotMinutes}: either on
 * every workday of the work calendar (make-up days included, holidays not) or on the listed ISO weekdays
 * whatever the calendar says (a cemetery open through 清明).
 */
@Entity
@Table(name = "schedule")
public class Schedule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "service_point_id")
    public Long servicePointId;
    @Column(name = "service_type")
    public String serviceType;

    @Column(name = "workdays_only")
    public boolean workdaysOnly;
    /** ISO 1 (Monday) to 7 (Sunday); used when not {@link #workdaysOnly}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public Integer[] weekdays;

    @Column(name = "starts_at")
    public LocalTime startsAt;
    @Column(name = "ends_at")
    public LocalTime endsAt;
    @Column(name = "slot_minutes")
    public int slotMinutes;
    public int capacity;
    /** Cars each slot can park, beside its people; null: no parking. */
    @Column(name = "parking_capacity")
    public Integer parkingCapacity;

    /** With {@link #releaseTime}: a day's slots open this many days before, at that time (Asia/Shanghai). */
    @Column(name = "release_days_before")
    public Integer releaseDaysBefore;
    @Column(name = "release_time")
    public LocalTime releaseTime;

    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** Whether the window opens on {@code day}, given whether the work calendar makes it a workday. */
    public boolean opensOn(LocalDate day, boolean workday) {
        if (!validOn(day)) {
            return false;
        }
        if (workdaysOnly) {
            return workday;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return Arrays.asList(weekdays).contains(dow.getValue());
    }
}
