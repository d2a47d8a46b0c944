package org.minzheng.booking.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.minzheng.common.web.Created;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.PersonalFields;

/** Counter and gate staff: the day's list, check-in, completed visits and no-shows at their points. */
@Cancellable(false)
@Path("/api/v1/staff")
@Tag(name = "staff: counter", description = "Today's bookings, check-in by QR or reference, no-shows")
@RolesAllowed({ "COUNTER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {

    /**
     * {@code code} is what the scanner typed (the QR payload) or the reference a person reads out;
     * {@code idNumber}, read from an ID card, names the person arriving where everyone must be present.
     */
    public record CheckInRequest(@NotNull @Positive Long servicePointId, @NotBlank @Size(max = 200) String code,
            @Size(max = 32) String idNumber) {

        @Override
        public String toString() {
            return "CheckInRequest[" + servicePointId + "]"; // never the ID number in logs
        }
    }

    private final CounterDesk desk;
    private final Caller caller;
    private final java.time.Clock clock;

    public CounterResource(CounterDesk desk, Caller caller, java.time.Clock clock) {
        this.desk = desk;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/service-points/{id}/bookings")
    @Operation(summary = "A day's bookings at my service point (today by default), with counts; names masked")
    public Uni<CounterDesk.Day> day(@RestPath long id, @QueryParam("date") LocalDate date) {
        return desk.day(caller.principal(), id, date == null ? LocalDate.now(clock) : date);
    }

    @POST
    @Path("/check-ins")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check in a booking by its QR payload or reference code (and, where everyone must be "
            + "present, each person by their ID number); repeating it is harmless")
    public Uni<CounterDesk.CheckIn> checkIn(@Valid @NotNull CheckInRequest request) {
        return desk.checkIn(caller.principal(), request.servicePointId(), request.code(), request.idNumber());
    }

    @POST
    @Path("/bookings/{id}/undo-check-in")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Take back a mistaken check-in within a minute of it; the booking is confirmed again")
    public Uni<BookingView> undoCheckIn(@RestPath long id) {
        return desk.undoCheckIn(caller.principal(), id);
    }

    @POST
    @Path("/bookings/{id}/complete")
    @Consumes(MediaType.WILDCARD)
    public Uni<BookingView> complete(@RestPath long id) {
        return desk.complete(caller.principal(), id);
    }

    @POST
    @Path("/bookings/{id}/no-show")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Record that nobody came (once the slot has started)")
    public Uni<BookingView> noShow(@RestPath long id) {
        return desk.noShow(caller.principal(), id);
    }

    public record WalkIn(@NotNull @Positive Long slotId,
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = PersonalFields.NAME_PATTERN) String name,
            @NotBlank @Size(max = 32) String idNumber, @Positive Integer partySize) {
    }

    @POST
    @Path("/service-points/{id}/walk-ins")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book today's slot for a person at the counter (no account needed); checked in at once")
    public Uni<org.jboss.resteasy.reactive.RestResponse<BookingView>> walkIn(@RestPath long id, @Valid @NotNull WalkIn request) {
        return desk.walkIn(caller.principal(), id, request.slotId(), request.name(), request.idNumber(), request.partySize())
                .map(b -> Created.at("/api/v1/staff/bookings/" + b.id(), b));
    }
}
