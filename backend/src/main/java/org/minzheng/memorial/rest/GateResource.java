package org.minzheng.memorial.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.identity.service.Caller;
import org.minzheng.memorial.service.GateCheckIns;

/** The cemetery gate's scanner. */
@Cancellable(false)
@Path("/api/v1/staff/memorial/gate-check-ins")
@Tag(name = "staff: counter")
@RolesAllowed({ "COUNTER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class GateResource {

    /**
     * {@code code}: the scanned QR payload or a typed reference; {@code plate}: the car's plate, if one came;
     * {@code idNumber}: read from an ID card shown, if the guard checks one.
     */
    public record GateCheckIn(@NotNull @Positive Long gateId, @NotBlank @Size(max = 200) String code,
            @Size(max = 16) String plate, @Size(max = 32) String idNumber) {

        @Override
        public String toString() {
            return "GateCheckIn[" + gateId + "]"; // never the plate or the ID number in logs
        }
    }

    private final GateCheckIns gate;
    private final Caller caller;

    public GateResource(GateCheckIns gate, Caller caller) {
        this.gate = gate;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Let a tomb-sweeping booking in at a gate of its cemetery, from 30 minutes before its window to "
            + "its end; with a car, its plate must be the booked one. The answer says what to verify")
    public Uni<GateCheckIns.GateAnswer> checkIn(@Valid @NotNull GateCheckIn request) {
        return gate.checkIn(caller.principal(), request.gateId(), request.code(), request.plate(),
                request.idNumber());
    }
}
