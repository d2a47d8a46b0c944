package org.minzheng.booking.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.web.Created;
import org.minzheng.booking.Schedule;
import org.minzheng.booking.service.Schedules;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.identity.service.Caller;

/** Weekly opening windows of a point; a change re-materialises the affected slots at once. */
@Cancellable(false)
@Path("/api/v1/admin/service-points/{pointId}/schedules")
@Tag(name = "admin: booking supply")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleAdminResource {

    public record ScheduleRequest(
            @NotNull @Pattern(regexp = ServicePointAdminResource.SERVICE_TYPE) String serviceType,
            @Schema(description = "true: every workday of the work calendar (make-up days included, holidays not); "
                    + "false: the listed weekdays whatever the calendar says") @NotNull Boolean workdaysOnly,
            @Schema(description = "ISO weekdays, 1 = Monday … 7 = Sunday; only when workdaysOnly is false")
            @Size(max = 7) List<@NotNull @Min(1) @Max(7) Integer> weekdays,
            @NotNull LocalTime startsAt,
            @NotNull LocalTime endsAt,
            @Schema(description = "Slot length; a last piece of the window shorter than this is not offered")
            @NotNull @Min(5) @Max(480) Integer slotMinutes,
            @Schema(description = "Units per slot") @NotNull @Min(1) @Max(10000) Integer capacity,
            @Schema(description = "Cars each slot can park, taken separately from its units; absent = no parking")
            @Min(0) @Max(10000) Integer parkingCapacity,
            @Schema(description = "With releaseTime: a day's slots open this many days before, at releaseTime (Asia/Shanghai)")
            @Min(0) @Max(365) Integer releaseDaysBefore,
            LocalTime releaseTime,
            @NotNull LocalDate validFrom,
            @Schema(description = "Last day the schedule applies; absent = open-ended") LocalDate validTo,
            @Schema(description = "PUT only, optional: the version read; a schedule changed since is 409 STALE_VERSION")
            Integer version) {

        Schedules.Spec spec() {
            return new Schedules.Spec(serviceType, workdaysOnly, weekdays == null ? List.of() : weekdays, startsAt, endsAt,
                    slotMinutes, capacity, parkingCapacity, releaseDaysBefore, releaseTime, validFrom, validTo);
        }
    }

    public record ScheduleView(long id, long servicePointId, String serviceType, boolean workdaysOnly,
            List<Integer> weekdays, LocalTime startsAt, LocalTime endsAt, int slotMinutes, int capacity,
            Integer parkingCapacity, Integer releaseDaysBefore, LocalTime releaseTime, LocalDate validFrom, LocalDate validTo, Instant createdAt,
            Instant updatedAt, int version) {
        static ScheduleView of(Schedule s) {
            return new ScheduleView(s.id, s.servicePointId, s.serviceType, s.workdaysOnly, List.of(s.weekdays), s.startsAt,
                    s.endsAt, s.slotMinutes, s.capacity, s.parkingCapacity, s.releaseDaysBefore, s.releaseTime, s.validFrom, s.validTo,
                    s.createdAt, s.updatedAt, s.version);
        }
    }

    private final Schedules schedules;
    private final Caller caller;

    public ScheduleAdminResource(Schedules schedules, Caller caller) {
        this.schedules = schedules;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Add a weekly schedule for a service type the point offers",
            description = "409 SERVICE_TYPE_NOT_OFFERED when the point does not offer the type; 409 SCHEDULE_OVERLAP when "
                    + "its window meets another schedule of the type on a day both could open.")
    public Uni<RestResponse<ScheduleView>> create(@RestPath long pointId, @Valid @NotNull ScheduleRequest request) {
        return schedules.create(caller.staffId(), pointId, request.spec())
                .map(s -> Created.at("/api/v1/admin/service-points/" + pointId + "/schedules/" + s.id, ScheduleView.of(s)));
    }

    @GET
    @Operation(summary = "The point's schedules in creation order, cursor-paged")
    public Uni<Page<ScheduleView>> list(@RestPath long pointId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return schedules.page(pointId, Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, s -> s.id, ScheduleView::of));
    }

    @GET
    @Path("/{scheduleId}")
    public Uni<ScheduleView> get(@RestPath long pointId, @RestPath long scheduleId) {
        return schedules.get(pointId, scheduleId).map(ScheduleView::of);
    }

    @PUT
    @Path("/{scheduleId}")
    @Operation(summary = "Replace a schedule; end one by setting validTo (schedules are never deleted)",
            description = "Slots no longer wanted are deleted when unbooked and closed otherwise; a capacity below what is "
                    + "already booked becomes the booked count.")
    public Uni<ScheduleView> update(@RestPath long pointId, @RestPath long scheduleId,
            @Valid @NotNull ScheduleRequest request) {
        return schedules.update(caller.staffId(), pointId, scheduleId, request.spec(), request.version())
                .map(ScheduleView::of);
    }
}
