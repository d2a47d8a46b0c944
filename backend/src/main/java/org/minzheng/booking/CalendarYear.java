package org.minzheng.booking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A year of the national holiday schedule as loaded, with the notice it comes from. */
@Entity
@Table(name = "calendar_year")
public class CalendarYear {

    @Id
    public Integer year;

    /** The State Council notice the days were copied from. */
    public String source;

    @Column(name = "loaded_at")
    public Instant loadedAt;
}
