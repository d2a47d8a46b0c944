package org.minzheng.marriage.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.BookingView;
import org.minzheng.identity.service.Caller;
import org.minzheng.marriage.service.MarriageCounter;

/** The registrar's decision at the end of a marriage office visit. */
@Cancellable(false)
@Path("/api/v1/staff/marriage/bookings")
@Tag(name = "marriage-counter", description = "Outcomes of marriage and divorce visits")
@RolesAllowed({ "COUNTER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class MarriageCounterResource {

    public record OutcomeRequest(@NotNull MarriageCounter.Outcome outcome, MarriageCounter.RefusalReason reason) {
    }

    private final MarriageCounter counter;
    private final Caller caller;

    public MarriageCounterResource(MarriageCounter counter, Caller caller) {
        this.counter = counter;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the outcome of a checked-in visit: registered, refused (with the reason), "
            + "divorce application received (starts the cooling-off period), withdrawn")
    public Uni<BookingView> outcome(@RestPath long id, @Valid @NotNull OutcomeRequest request) {
        return counter.record(caller.principal(), id, request.outcome(), request.reason());
    }
}
