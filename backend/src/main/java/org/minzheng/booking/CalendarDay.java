package org.minzheng.booking;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A day the national schedule moves off the plain week: a statutory {@code HOLIDAY} (no work even on a
 * weekday) or a {@code MAKEUP_WORKDAY} (调休: work even on a weekend). Days not listed follow the week.
 */
@Entity
@Table(name = "calendar_day")
public class CalendarDay {

    public enum Kind {
        HOLIDAY, MAKEUP_WORKDAY
    }

    @Id
    public LocalDate day;

    public int year;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** The holiday's name (国庆节), or 调休上班 for a make-up workday. */
    public String name;
}
