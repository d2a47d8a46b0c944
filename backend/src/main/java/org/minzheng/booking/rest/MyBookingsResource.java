package org.minzheng.booking.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.minzheng.common.web.Created;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.repository.BookingViews;
import org.minzheng.booking.service.Bookings;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.identity.service.Caller;

/** A resident's bookings, for themselves and the family members they act for. */
@Cancellable(false)
@Path("/api/v1/me/bookings")
@Tag(name = "bookings", description = "Book, list and cancel appointments")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyBookingsResource {

    public record NewBooking(@NotNull @Positive Long slotId, Boolean self,
            @Size(max = 10) List<@NotNull @Positive Long> dependantIds, @Positive Integer partySize,
            @Size(max = 20) Map<String, Object> details) {
    }

    private final Bookings bookings;
    private final BookingViews views;
    private final Caller caller;

    public MyBookingsResource(Bookings bookings, BookingViews views, Caller caller) {
        this.bookings = bookings;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a slot for myself and/or family members; send Idempotency-Key to retry safely")
    public Uni<RestResponse<BookingView>> create(@Valid @NotNull NewBooking request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        var req = new Bookings.Request(request.slotId(), request.self() == null || request.self(),
                request.dependantIds() == null ? List.of() : request.dependantIds(), request.partySize(),
                Bookings.residentDetails(request.details()));
        return bookings.create(caller.residentId(), req, idempotencyKey)
                .map(b -> Created.at("/api/v1/me/bookings/" + b.id(), b));
    }

    @GET
    @Operation(summary = "My bookings, newest first, cursor-paged")
    public Uni<Page<BookingView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return views.ofResident(caller.residentId(), Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, BookingView::id, b -> b));
    }

    @GET
    @Path("/{id}")
    public Uni<BookingView> get(@RestPath long id) {
        return bookings.one(caller.residentId(), id);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel my booking before the service's cut-off; the unit goes to the next in line")
    public Uni<BookingView> cancel(@RestPath long id) {
        return bookings.cancel(caller.residentId(), id);
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm a place offered from the waitlist, before its deadline")
    public Uni<BookingView> confirm(@RestPath long id) {
        return bookings.confirmOffer(caller.residentId(), id);
    }

    public record RescheduleRequest(@NotNull @Positive Long slotId) {
    }

    @POST
    @Path("/{id}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move my booking to another slot of the same service, atomically")
    public Uni<BookingView> reschedule(@RestPath long id, @Valid @NotNull RescheduleRequest request) {
        return bookings.reschedule(caller.residentId(), id, request.slotId());
    }
}
