package org.minzheng.booking.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.CalendarDay;
import org.minzheng.booking.service.WorkCalendar;

/** The work calendar as loaded: which days are holidays and which weekend days are make-up workdays. */
@Cancellable(false)
@Path("/api/v1/calendar")
@Tag(name = "work calendar", description = "National holidays and 调休 make-up workdays per year")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CalendarResource {

    public record DayView(LocalDate day, CalendarDay.Kind kind, String name) {
    }

    public record CalendarView(int year, String source, Instant loadedAt, List<DayView> days) {
        static CalendarView of(WorkCalendar.Year y) {
            return new CalendarView(y.year().year, y.year().source, y.year().loadedAt,
                    y.days().stream().map(d -> new DayView(d.day, d.kind, d.name)).toList());
        }
    }

    private final WorkCalendar calendar;

    public CalendarResource(WorkCalendar calendar) {
        this.calendar = calendar;
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "A loaded year's listed days in date order; other days follow the week (Mon-Fri work)",
            description = "404 CALENDAR_NOT_LOADED until an administrator loads the year.")
    public Uni<CalendarView> year(@RestPath @Min(2000) @Max(2100) int year) {
        return calendar.year(year).map(CalendarView::of);
    }
}
