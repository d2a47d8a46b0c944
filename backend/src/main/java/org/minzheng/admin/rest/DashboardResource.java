package org.minzheng.admin.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.booking.service.BookingFigures;
import org.minzheng.casework.service.WorkQueue;

/** What an administrator looks at first: a day's bookings per service, no-shows, and the casework waiting. */
@Cancellable(false)
@Path("/api/v1/admin/dashboard")
@Tag(name = "admin: dashboard")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    /**
     * {@code noShowRate}: no-shows among the day's bookings that were due (checked in or missed), null when none;
     * {@code slaBreaches}: pending applications past their time.
     */
    public record Dashboard(LocalDate date, List<BookingFigures.TypeDay> bookings, BigDecimal noShowRate,
            List<WorkQueue.Pending> pendingApplications, long slaBreaches) {
    }

    private final BookingFigures bookings;
    private final WorkQueue queue;
    private final Clock clock;

    public DashboardResource(BookingFigures bookings, WorkQueue queue, Clock clock) {
        this.bookings = bookings;
        this.queue = queue;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "A day's bookings per service type (today by default), the no-show rate, pending applications by "
            + "state and how many are past their time")
    public Uni<Dashboard> dashboard(@QueryParam("date") String date) {
        LocalDate on = QueryDates.parse(date, "date", LocalDate.now(clock));
        return bookings.ofDay(on).flatMap(figures -> queue.pending().map(pending -> {
            long missed = figures.stream().mapToLong(BookingFigures.TypeDay::noShow).sum();
            long due = missed + figures.stream().mapToLong(BookingFigures.TypeDay::checkedIn).sum();
            return new Dashboard(on, figures,
                    due == 0 ? null : BigDecimal.valueOf(missed).divide(BigDecimal.valueOf(due), 3, RoundingMode.HALF_UP),
                    pending, pending.stream().mapToLong(WorkQueue.Pending::overdue).sum());
        }));
    }
}
