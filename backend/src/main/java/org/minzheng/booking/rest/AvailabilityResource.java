package org.minzheng.booking.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.service.Availability;

@Cancellable(false)
@Path("/api/v1/service-points/{id}/slots")
@Tag(name = "bookings")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    public record SlotAvailability(long id, LocalDate day, LocalTime startsAt, LocalTime endsAt, int capacity,
            int remaining, @Schema(description = "Cars the slot can park; absent: no parking") Integer parkingCapacity,
            @Schema(description = "Parking places left; absent: no parking") Integer parkingRemaining,
            Instant releaseAt, boolean open) {
    }

    private final Availability availability;

    public AvailabilityResource(Availability availability) {
        this.availability = availability;
    }

    @GET
    @Operation(summary = "Slots of a service type at this point between two days, with remaining units")
    public Uni<List<SlotAvailability>> slots(@RestPath long id, @QueryParam("serviceType") @NotBlank String serviceType,
            @QueryParam("from") @NotNull LocalDate from, @QueryParam("to") @NotNull LocalDate to) {
        return availability.slots(id, serviceType, from, to);
    }
}
