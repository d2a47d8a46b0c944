package org.minzheng.booking.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.service.Bookings;
import org.minzheng.common.web.Created;
import org.minzheng.booking.service.Waitlist;
import org.minzheng.identity.service.Caller;

@Cancellable(false)
@Path("/api/v1/me/waitlist")
@Tag(name = "bookings")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class WaitlistResource {

    public record JoinRequest(@NotNull @Positive Long slotId, Boolean self,
            @Size(max = 10) List<@NotNull @Positive Long> dependantIds, @Positive Integer partySize) {
    }

    private final Waitlist waitlist;
    private final Caller caller;

    public WaitlistResource(Waitlist waitlist, Caller caller) {
        this.waitlist = waitlist;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Wait for a full slot; a freed unit is offered as a hold to confirm before its deadline")
    public Uni<RestResponse<Waitlist.Entry>> join(@Valid @NotNull JoinRequest request) {
        var req = new Bookings.Request(request.slotId(), request.self() == null || request.self(),
                request.dependantIds() == null ? List.of() : request.dependantIds(), request.partySize(), null);
        return waitlist.join(caller.residentId(), req)
                .map(e -> Created.at("/api/v1/me/waitlist/" + e.id(), e));
    }

    @GET
    public Uni<List<Waitlist.Entry>> mine() {
        return waitlist.mine(caller.residentId());
    }

    @GET
    @Path("/{id}")
    public Uni<Waitlist.Entry> get(@RestPath long id) {
        return waitlist.entry(caller.residentId(), id);
    }

    @POST
    @Path("/{id}/leave")
    @Consumes(MediaType.WILDCARD)
    public Uni<Waitlist.Entry> leave(@RestPath long id) {
        return waitlist.leave(caller.residentId(), id);
    }
}
