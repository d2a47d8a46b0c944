package org.minzheng.booking.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.web.Created;
import org.minzheng.booking.ScheduleException;
import org.minzheng.booking.service.ScheduleExceptions;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.identity.service.Caller;

/** Closures, special openings and capacity changes on a date; each re-materialises its day at once. */
@Cancellable(false)
@Path("/api/v1/admin/service-points/{pointId}/schedule-exceptions")
@Tag(name = "admin: booking supply")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleExceptionAdminResource {

    @Schema(description = "CLOSED: no slots that day, or with startsAt/endsAt none overlapping that window (booked ones "
            + "are kept, closed). SPECIAL_OPENING: the day opens with "
            + "its own startsAt/endsAt/slotMinutes/capacity (releaseAt optional) instead of the weekly schedule, even on a "
            + "weekend or holiday. CAPACITY: every slot of the day gets that capacity (never below what is booked).")
    public record ExceptionRequest(
            @NotNull @Pattern(regexp = ServicePointAdminResource.SERVICE_TYPE) String serviceType,
            @NotNull LocalDate day,
            @NotNull ScheduleException.Kind kind,
            LocalTime startsAt,
            LocalTime endsAt,
            @Min(5) @Max(480) Integer slotMinutes,
            @Min(1) @Max(10000) Integer capacity,
            @Schema(description = "SPECIAL_OPENING and CAPACITY, optional: cars each slot can park") @Min(0) @Max(10000)
            Integer parkingCapacity,
            @Schema(description = "SPECIAL_OPENING only: when its slots open for booking") OffsetDateTime releaseAt,
            @NotBlank @Size(max = 200) String reason) {

        ScheduleExceptions.Spec spec() {
            return new ScheduleExceptions.Spec(serviceType, day, kind, startsAt, endsAt, slotMinutes, capacity, parkingCapacity,
                    releaseAt == null ? null : releaseAt.toInstant(), reason);
        }
    }

    public record ExceptionView(long id, long servicePointId, String serviceType, LocalDate day,
            ScheduleException.Kind kind, LocalTime startsAt, LocalTime endsAt, Integer slotMinutes, Integer capacity,
            Integer parkingCapacity, Instant releaseAt, String reason, Instant createdAt) {
        static ExceptionView of(ScheduleException e) {
            return new ExceptionView(e.id, e.servicePointId, e.serviceType, e.day, e.kind, e.startsAt, e.endsAt,
                    e.slotMinutes, e.capacity, e.parkingCapacity, e.releaseAt, e.reason, e.createdAt);
        }
    }

    private final ScheduleExceptions exceptions;
    private final Caller caller;

    public ScheduleExceptionAdminResource(ScheduleExceptions exceptions, Caller caller) {
        this.exceptions = exceptions;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Add a dated exception (today or later)",
            description = "409 SERVICE_TYPE_NOT_OFFERED when the point does not offer the type; 409 "
                    + "SCHEDULE_EXCEPTION_EXISTS when the day already has one of that kind.")
    public Uni<RestResponse<ExceptionView>> create(@RestPath long pointId, @Valid @NotNull ExceptionRequest request) {
        return exceptions.create(caller.staffId(), pointId, request.spec())
                .map(e -> Created.at("/api/v1/admin/service-points/" + pointId + "/schedule-exceptions/" + e.id, ExceptionView.of(e)));
    }

    @GET
    @Operation(summary = "The point's exceptions in creation order, optionally of a type and within days, cursor-paged")
    public Uni<Page<ExceptionView>> list(@RestPath long pointId,
            @QueryParam("serviceType") @Pattern(regexp = ServicePointAdminResource.SERVICE_TYPE) String serviceType,
            @Parameter(description = "Days from, e.g. 2026-10-01") @QueryParam("from") String from,
            @Parameter(description = "Days to, inclusive") @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        var filter = new ScheduleExceptions.Filter(serviceType, QueryDates.parse(from, "from"), QueryDates.parse(to, "to"));
        return exceptions.page(pointId, filter, Cursor.decode(cursor),
                size + 1).map(rows -> Page.of(rows, size, e -> e.id, ExceptionView::of));
    }

    @GET
    @Path("/{exceptionId}")
    public Uni<ExceptionView> get(@RestPath long pointId, @RestPath long exceptionId) {
        return exceptions.get(pointId, exceptionId).map(ExceptionView::of);
    }

    @DELETE
    @Path("/{exceptionId}")
    @ResponseStatus(204)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove an exception: the weekly schedule applies to its day again")
    public Uni<Void> delete(@RestPath long pointId, @RestPath long exceptionId) {
        return exceptions.delete(caller.staffId(), pointId, exceptionId);
    }
}
