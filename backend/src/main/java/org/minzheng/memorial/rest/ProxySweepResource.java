package org.minzheng.memorial.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.common.web.Created;
import org.minzheng.identity.service.Caller;
import org.minzheng.memorial.ProxySweepView;
import org.minzheng.memorial.service.ProxySweeps;

/** 代祭扫 for the resident: ask a cemetery's staff to sweep a grave on a day, follow it, cancel it. */
@Cancellable(false)
@Path("/api/v1/me/memorial/proxy-sweeps")
@Tag(name = "memorial", description = "Tomb-sweeping: proxy sweeping requests")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class ProxySweepResource {

    /** {@code graveLocation}: where the grave is (e.g. 3区5排12号); {@code message}: for the staff, optional. */
    public record NewProxySweep(@NotNull @Positive Long cemeteryId, @NotNull LocalDate day,
            @NotBlank @Size(max = 100) String graveLocation, @Size(max = 500) String message) {

        @Override
        public String toString() {
            return "NewProxySweep[" + cemeteryId + ", " + day + "]"; // never the texts in logs
        }
    }

    private final ProxySweeps sweeps;
    private final Caller caller;

    public ProxySweepResource(ProxySweeps sweeps, Caller caller) {
        this.sweeps = sweeps;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a cemetery's staff to sweep a grave for me on a day (tomorrow onwards); send "
            + "Idempotency-Key to retry safely")
    public Uni<RestResponse<ProxySweepView>> create(@Valid @NotNull NewProxySweep request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return sweeps.create(caller.residentId(), new ProxySweeps.Request(request.cemeteryId(), request.day(),
                request.graveLocation(), request.message()), idempotencyKey)
                .map(s -> Created.at("/api/v1/me/memorial/proxy-sweeps/" + s.id(), s));
    }

    @GET
    @Operation(summary = "My proxy sweeping requests, newest first, cursor-paged")
    public Uni<Page<ProxySweepView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return sweeps.page(caller.residentId(), Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, ProxySweepView::id, s -> s));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my proxy sweeping requests, with the staff's note and photo once done")
    public Uni<ProxySweepView> get(@RestPath long id) {
        return sweeps.one(caller.residentId(), id);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel my request before its day starts; cancelling again answers the same")
    public Uni<ProxySweepView> cancel(@RestPath long id) {
        return sweeps.cancel(caller.residentId(), id);
    }
}
