package org.minzheng.memorial.rest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.identity.service.Caller;
import org.minzheng.memorial.service.Closures;
import org.minzheng.memorial.service.PeakDays;

/** Administrators: a cemetery's peak season and its closures. */
@Cancellable(false)
@Path("/api/v1/admin/memorial/cemeteries/{id}")
@Tag(name = "admin: memorial", description = "Peak days and closures of cemeteries")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemorialAdminResource {

    public record SeasonRequest(@NotBlank @Size(max = 100) String name, @NotNull LocalDate from, @NotNull LocalDate to,
            @NotNull LocalTime startsAt, @NotNull LocalTime endsAt, @NotNull @Min(15) @Max(480) Integer slotMinutes,
            @Schema(description = "People per window at each gate") @NotNull @Min(1) @Max(10000) Integer capacity,
            @Schema(description = "Cars per window at each gate; absent: no parking") @Min(0) @Max(10000) Integer parkingCapacity,
            @Schema(description = "A day's windows open this many days before it, at releaseTime (Asia/Shanghai)")
            @NotNull @Min(0) @Max(60) Integer releaseDaysBefore, @NotNull LocalTime releaseTime) {
    }

    @Schema(description = "Close the whole cemetery (no gateId) or one gate, all day or one window (startsAt and endsAt)")
    public record ClosureRequest(@NotNull LocalDate day, @Positive Long gateId, LocalTime startsAt, LocalTime endsAt,
            @NotBlank @Size(max = 200) String reason) {
    }

    private final PeakDays peakDays;
    private final Closures closures;
    private final Caller caller;

    public MemorialAdminResource(PeakDays peakDays, Closures closures, Caller caller) {
        this.peakDays = peakDays;
        this.closures = closures;
        this.caller = caller;
    }

    @POST
    @Path("/peak-days")
    @Operation(summary = "Declare a peak season: every gate opens the given windows on each day, released at the given "
            + "moment; all days or none")
    public Uni<RestResponse<List<PeakDays.PeakDay>>> declare(@RestPath long id, @Valid @NotNull SeasonRequest r) {
        return peakDays.declare(caller.staffId(), id, new PeakDays.Season(r.name().strip(), r.from(), r.to(), r.startsAt(),
                r.endsAt(), r.slotMinutes(), r.capacity(), r.parkingCapacity(), r.releaseDaysBefore(), r.releaseTime()))
                .map(days -> RestResponse.status(RestResponse.Status.CREATED, days));
    }

    @POST
    @Path("/closures")
    @Operation(summary = "Close the cemetery, a gate or a window on a day: bookings there are cancelled with the reason "
            + "and their bookers offered the nearest free windows; closing it again changes nothing")
    public Uni<Closures.Outcome> close(@RestPath long id, @Valid @NotNull ClosureRequest r) {
        return closures.close(caller.staffId(), new Closures.Closure(id, r.day(), r.gateId(), r.startsAt(), r.endsAt(),
                r.reason().strip()));
    }
}
