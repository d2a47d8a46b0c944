package org.minzheng.memorial.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.memorial.service.CemeteryDays;

/** Public: the cemeteries, their gates, and whether a day needs a booking and what is left. */
@Cancellable(false)
@Path("/api/v1/memorial/cemeteries")
@Tag(name = "memorial", description = "Tomb-sweeping (清明/重阳祭扫) reservations")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class MemorialResource {

    private final CemeteryDays days;

    public MemorialResource(CemeteryDays days) {
        this.days = days;
    }

    @GET
    @Operation(summary = "Cemeteries with their gates")
    public Uni<List<CemeteryDays.Cemetery>> cemeteries() {
        return days.cemeteries();
    }

    @GET
    @Path("/{id}/days/{day}")
    @Operation(summary = "A day at a cemetery: whether booking is needed, and each gate's windows with people and "
            + "parking places left")
    public Uni<CemeteryDays.Day> day(@RestPath long id, @RestPath LocalDate day) {
        return days.day(id, day);
    }
}
