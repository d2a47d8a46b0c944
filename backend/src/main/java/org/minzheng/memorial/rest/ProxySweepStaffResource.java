package org.minzheng.memorial.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.time.ClockProducer;
import org.minzheng.identity.service.Caller;
import org.minzheng.memorial.ProxySweep;
import org.minzheng.memorial.ProxySweepStaffView;
import org.minzheng.memorial.service.ProxySweepDesk;

/** 代祭扫 for the cemetery's staff: the day's requests and marking them done. */
@Cancellable(false)
@Path("/api/v1/staff/memorial/proxy-sweeps")
@Tag(name = "staff: memorial", description = "Proxy sweeping requests of a cemetery's day")
@RolesAllowed({ "COUNTER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class ProxySweepStaffResource {

    /** {@code photoRef}: an opaque reference to the photo taken (where it is stored is not ours to know). */
    public record Done(@Size(max = 500) String note,
            @Size(max = 200) @Pattern(regexp = "^(?!.*\\.\\.)[A-Za-z0-9/_.:-]+$") String photoRef) {

        @Override
        public String toString() {
            return "Done[***]"; // never the note in logs
        }
    }

    private final ProxySweepDesk desk;
    private final Caller caller;
    private final Clock clock;

    public ProxySweepStaffResource(ProxySweepDesk desk, Caller caller, Clock clock) {
        this.desk = desk;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "A cemetery's proxy sweeping requests of a day (today by default), optionally of one "
            + "status; grave locations and messages shown, names masked")
    public Uni<ProxySweepDesk.Day> day(@QueryParam("cemetery") @NotNull @Positive Long cemetery,
            @QueryParam("day") String day, @QueryParam("status") String status) {
        LocalDate date = day == null || day.isBlank() ? clock.instant().atZone(ClockProducer.ZONE).toLocalDate()
                : parseDay(day);
        return desk.day(caller.principal(), cemetery, date, parseStatus(status));
    }

    @POST
    @Path("/{id}/done")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a request as done, on or after its day, with a note and photo reference; "
            + "repeating it is harmless")
    public Uni<ProxySweepStaffView> done(@RestPath long id, @Valid @NotNull Done request) {
        return desk.done(caller.principal(), id, new ProxySweepDesk.Completion(request.note(), request.photoRef()));
    }

    /** Taken as text: JAX-RS answers an unconvertible query parameter with 404, a client deserves 400. */
    private static LocalDate parseDay(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("day", "INVALID_DATE", null)),
                    Map.of());
        }
    }

    private static ProxySweep.Status parseStatus(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ProxySweep.Status.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new DomainException(400, "INVALID_STATUS", List.of(new FieldError("status", "INVALID_STATUS", null)),
                    Map.of());
        }
    }
}
