package org.minzheng.memorial.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.web.Created;
import org.minzheng.identity.service.Caller;
import org.minzheng.memorial.service.TombVisits;

/** A resident's tomb-sweeping visits: book for me, my dependants and companions; rebook after a closure. */
@Cancellable(false)
@Path("/api/v1/me/memorial/bookings")
@Tag(name = "memorial")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyTombSweepingResource {

    @Schema(description = "The people, real-name: me (unless self=false) and my dependants, at most 5; children under "
            + "14 only as a number; a car plate takes one parking place")
    public record NewVisit(@NotNull @Positive Long slotId, Boolean self,
            @Size(max = 10) List<@NotNull @Positive Long> dependantIds,
            @Min(0) @Max(20) Integer children,
            @Size(max = 16) String carPlate) {

        @Override
        public String toString() {
            return "NewVisit[slotId=" + slotId + "]"; // never the plate in logs
        }

        TombVisits.NewVisit visit() {
            return new TombVisits.NewVisit(slotId, self == null || self, dependantIds == null ? List.of() : dependantIds,
                    children == null ? 0 : children, carPlate);
        }
    }

    public record Rebooking(@NotNull @Positive Long slotId) {
    }

    private final TombVisits visits;
    private final Caller caller;

    public MyTombSweepingResource(TombVisits visits, Caller caller) {
        this.visits = visits;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a window at a cemetery gate for me and my dependants, up to 5 people (one booking per "
            + "person, cemetery and day), with children and an optional car")
    public Uni<RestResponse<TombVisits.Visit>> book(@Valid @NotNull NewVisit request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return visits.book(caller.residentId(), request.visit(), idempotencyKey)
                .map(v -> Created.at("/api/v1/me/memorial/bookings/" + v.booking().id(), v));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my tomb-sweeping bookings, with its pass, children and car plate")
    public Uni<TombVisits.Visit> one(@RestPath long id) {
        return visits.one(caller.residentId(), id);
    }

    @POST
    @Path("/{id}/rebook")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take another window (one the closure message offered) for a booking a closure cancelled, "
            + "in one step; asking again answers the same new booking")
    public Uni<TombVisits.Visit> rebook(@RestPath long id, @Valid @NotNull Rebooking request) {
        return visits.rebook(caller.residentId(), id, request.slotId());
    }
}
