package org.minzheng.marriage.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.minzheng.booking.BookingView;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.web.Created;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.PersonalFields;
import org.minzheng.marriage.service.DivorceCases;
import org.minzheng.marriage.service.MarriageBookings;

/** The marriage office for the couple: bookings with a named partner, the partner's answer, divorce cases. */
@Cancellable(false)
@Path("/api/v1/me/marriage")
@Tag(name = "marriage", description = "Marriage registration bookings and partner confirmation")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MarriageResource {

    public record Partner(@NotBlank @Pattern(regexp = PersonalFields.NAME_PATTERN) String name,
            @NotBlank String idNumber) {

        @Override
        public String toString() {
            return "Partner[***]"; // never personal data in logs
        }
    }

    public record NewMarriageBooking(@NotNull @Positive Long slotId, @NotNull @Valid Partner partner) {
    }

    public record CertificateBooking(@NotNull @Positive Long slotId) {
    }

    /** {@code partySize}: everyone attending, the couple included. */
    public record CeremonyBooking(@NotNull @Positive Long slotId, @NotNull @Positive Integer partySize) {
    }

    private final MarriageBookings marriages;
    private final DivorceCases divorces;
    private final Caller caller;

    public MarriageResource(MarriageBookings marriages, DivorceCases divorces, Caller caller) {
        this.marriages = marriages;
        this.divorces = divorces;
        this.caller = caller;
    }

    @POST
    @Path("/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book marriage registration or a divorce application for me and my partner; "
            + "held until the partner confirms")
    public Uni<RestResponse<BookingView>> book(@Valid @NotNull NewMarriageBooking request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return marriages.book(caller.residentId(), request.slotId(), request.partner().name(),
                request.partner().idNumber(), idempotencyKey)
                .map(b -> Created.at("/api/v1/me/bookings/" + b.id(), b));
    }

    @POST
    @Path("/bookings/{id}/ceremony")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book the certificate ceremony after my marriage registration, the same day; it is "
            + "cancelled with the registration")
    public Uni<RestResponse<BookingView>> bookCeremony(@RestPath long id, @Valid @NotNull CeremonyBooking request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return marriages.bookCeremony(caller.residentId(), id, request.slotId(), request.partySize(), idempotencyKey)
                .map(b -> Created.at("/api/v1/me/bookings/" + b.id(), b));
    }

    @GET
    @Path("/invitations")
    @Operation(summary = "Marriage bookings that name me as partner")
    public Uni<List<MarriageBookings.Invitation>> invitations() {
        return marriages.invitations(caller.residentId());
    }

    @POST
    @Path("/invitations/{id}/accept")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm a marriage booking that names me, before its hold runs out")
    public Uni<MarriageBookings.Invitation> accept(@RestPath long id) {
        return marriages.accept(caller.residentId(), id);
    }

    @POST
    @Path("/invitations/{id}/decline")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Decline a marriage booking that names me; the booker is told and the place freed")
    public Uni<MarriageBookings.Invitation> decline(@RestPath long id) {
        return marriages.decline(caller.residentId(), id);
    }

    @GET
    @Path("/divorce-cases")
    @Operation(summary = "My divorce cases with their cooling-off and certificate-window dates")
    public Uni<List<DivorceCases.DivorceCase>> divorceCases() {
        return divorces.of(caller.residentId());
    }

    @POST
    @Path("/divorce-cases/{id}/withdraw")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Withdraw the divorce application during the cooling-off period (either spouse alone)")
    public Uni<DivorceCases.DivorceCase> withdraw(@RestPath long id) {
        return divorces.withdraw(caller.residentId(), id);
    }

    @POST
    @Path("/divorce-cases/{id}/certificate-booking")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book the certificate visit for both spouses, at the same office, within the window")
    public Uni<RestResponse<BookingView>> bookCertificate(@RestPath long id, @Valid @NotNull CertificateBooking request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return divorces.bookCertificate(caller.residentId(), id, request.slotId(), idempotencyKey)
                .map(b -> Created.at("/api/v1/me/bookings/" + b.id(), b));
    }
}
