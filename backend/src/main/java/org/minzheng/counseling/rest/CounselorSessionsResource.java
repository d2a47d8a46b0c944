package org.minzheng.counseling.rest;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.counseling.CounselorCard;
import org.minzheng.counseling.service.CounselingStatistics;
import org.minzheng.counseling.service.Counselors;
import org.minzheng.counseling.service.CounselorDesk;
import org.minzheng.identity.service.Caller;

/** A counselor's own sessions: nobody else's, and for nobody else (clerks and administrators included). */
@Cancellable(false)
@Path("/api/v1/staff/counseling")
@Tag(name = "staff: counseling")
@RolesAllowed("COUNSELOR")
@Produces(MediaType.APPLICATION_JSON)
public class CounselorSessionsResource {

    public record Notes(@Size(max = 5000) String notes) {
        @Override
        public String toString() {
            return "Notes[]";
        }
    }

    public record MeetingLink(@NotNull @Size(max = 500) String meetingLink) {
        @Override
        public String toString() {
            return "MeetingLink[]";
        }
    }

    /** Who I am to residents, and my figures over all time. */
    public record Me(CounselorCard counselor, CounselingStatistics.Figures figures) {
    }

    private final CounselorDesk desk;
    private final Counselors counselors;
    private final CounselingStatistics statistics;
    private final Caller caller;
    private final Clock clock;

    public CounselorSessionsResource(CounselorDesk desk, Counselors counselors, CounselingStatistics statistics, Caller caller,
            Clock clock) {
        this.desk = desk;
        this.counselors = counselors;
        this.statistics = statistics;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/me")
    @Operation(summary = "My card as residents see it, and my sessions, no-shows and average rating")
    public Uni<Me> me() {
        return counselors.ofStaff(caller.staffId())
                .flatMap(c -> counselors.card(c).flatMap(card -> statistics.allTime(c.id).map(figures -> new Me(card, figures))));
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "My sessions of a day (today by default), without what residents wrote")
    public Uni<CounselorDesk.Day> day(@QueryParam("date") String date) {
        return desk.day(caller.principal(), QueryDates.parse(date, "date", LocalDate.now(clock)));
    }

    @GET
    @Path("/sessions/{id}")
    @Operation(summary = "One of my sessions with what the resident wrote and my notes (this read is audited)")
    public Uni<CounselorDesk.SessionDetail> one(@RestPath long id) {
        return desk.one(caller.principal(), id);
    }

    @POST
    @Path("/sessions/{id}/held")
    @Operation(summary = "The session took place (also corrects a no-show); once it has started")
    public Uni<BookingView> held(@RestPath long id) {
        return desk.held(caller.principal(), id);
    }

    @POST
    @Path("/sessions/{id}/no-show")
    @Operation(summary = "The resident did not come or answer; once the session has started")
    public Uni<BookingView> noShow(@RestPath long id) {
        return desk.noShow(caller.principal(), id);
    }

    @PUT
    @Path("/sessions/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace my notes of the session (sealed; only I read them); blank removes them")
    public Uni<CounselorDesk.SessionDetail> notes(@RestPath long id, @Valid @NotNull Notes request) {
        return desk.notes(caller.principal(), id, request.notes());
    }

    @PUT
    @Path("/sessions/{id}/meeting-link")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the https link of an upcoming video session; the resident is told it is there")
    public Uni<CounselorDesk.SessionDetail> meetingLink(@RestPath long id, @Valid @NotNull MeetingLink request) {
        return desk.meetingLink(caller.principal(), id, request.meetingLink());
    }
}
