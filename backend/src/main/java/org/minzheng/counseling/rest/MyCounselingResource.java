package org.minzheng.counseling.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.web.Created;
import org.minzheng.counseling.SessionMode;
import org.minzheng.counseling.Topic;
import org.minzheng.counseling.service.CounselingSessions;
import org.minzheng.identity.service.Caller;

/**
 * A resident's counseling sessions. They are bookings: listed with {@code GET /api/v1/me/bookings} and cancelled
 * with {@code POST /api/v1/me/bookings/{id}/cancel} like any other.
 */
@Cancellable(false)
@Path("/api/v1/me/counseling/sessions")
@Tag(name = "counseling")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyCounselingResource {

    public record NewSession(@NotNull @Positive Long slotId, @NotNull Topic topic, @NotNull SessionMode mode,
            @Schema(description = "My situation, for the counselor only (sealed; never shown to clerks)") @Size(max = 500) String description,
            @Schema(description = "true: no WeChat messages about this session, only the in-app inbox (someone else may see "
                    + "my phone); absent: on for DOMESTIC_VIOLENCE, off otherwise") Boolean discreet) {

        @Override
        public String toString() {
            return "NewSession[slotId=" + slotId + ", topic=" + topic + ", mode=" + mode + "]"; // never the description
        }
    }

    public record Rating(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 300) String comment) {
        @Override
        public String toString() {
            return "Rating[" + rating + "]";
        }
    }

    private final CounselingSessions sessions;
    private final Caller caller;

    public MyCounselingResource(CounselingSessions sessions, Caller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a session (a slot from the finder) for myself, on a topic and in a mode the counselor offers",
            description = "One upcoming counseling session per person at a time.")
    public Uni<RestResponse<CounselingSessions.MySession>> book(@Valid @NotNull NewSession request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return sessions.book(caller.residentId(), new CounselingSessions.NewSession(request.slotId(), request.topic(),
                request.mode(), request.description(), request.discreet()), idempotencyKey)
                .map(s -> Created.at("/api/v1/me/counseling/sessions/" + s.booking().id(), s));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my sessions: counselor, room, what I wrote, the video link once given, my rating")
    public Uni<CounselingSessions.MySession> one(@RestPath long id) {
        return sessions.one(caller.residentId(), id);
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate a held session 1-5, with an optional comment; once")
    public Uni<CounselingSessions.MySession> rate(@RestPath long id, @Valid @NotNull Rating request) {
        return sessions.rate(caller.residentId(), id, new CounselingSessions.Feedback(request.rating(), request.comment(), null));
    }
}
