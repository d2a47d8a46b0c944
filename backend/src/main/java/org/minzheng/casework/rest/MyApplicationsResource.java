package org.minzheng.casework.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.casework.service.Applications;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.common.web.Created;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.Principal;

/** A resident's applications: drafts, editing, submitting, withdrawing, answering a return; status and history. */
@Cancellable(false)
@Path("/api/v1/me/applications")
@Tag(name = "applications", description = "Applications through the casework engine (relief, elderly services)")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyApplicationsResource {

    static final String ACTION = "^[a-z][a-z_-]{1,31}$";

    public record NewApplication(@NotBlank @Pattern(regexp = "^[A-Z_]{2,40}$") String type,
            @Schema(description = "The street that handles it; leave out where the form decides it (a relief household's address)")
            @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String streetCode, Map<String, Object> form) {

        @Override
        public String toString() {
            return "NewApplication[" + type + "]"; // never the form in logs
        }
    }

    public record FormEdit(@PositiveOrZero Integer version, @NotNull Map<String, Object> form) {

        @Override
        public String toString() {
            return "FormEdit[" + version + "]";
        }
    }

    /** {@code data}: what the action asks to be entered with it (e.g. a granted amount), checked by the application's type. */
    public record ActionRequest(@PositiveOrZero Integer version, @Size(max = 2000) String comment,
            @Size(max = 30) Map<@Pattern(regexp = "^[A-Za-z][A-Za-z0-9]{0,39}$") String, Object> data) {

        @Override
        public String toString() {
            return "ActionRequest[" + version + "]";
        }
    }

    public record Details(Applications.View application, List<Applications.Step> history) {

        @Override
        public String toString() {
            return "Details[" + application + "]";
        }
    }

    private final Applications applications;
    private final Caller caller;

    public MyApplicationsResource(Applications applications, Caller caller) {
        this.applications = applications;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a draft application of a type, for the street that will handle it")
    public Uni<RestResponse<Applications.View>> draft(@Valid @NotNull NewApplication request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return applications.draft(caller.residentId(), request.type(), request.streetCode(),
                request.form() == null ? Map.of() : request.form(), idempotencyKey)
                .map(v -> Created.at("/api/v1/me/applications/" + v.id(), v));
    }

    @GET
    @Operation(summary = "My applications, newest first, cursor-paged")
    public Uni<Page<Applications.View>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return applications.mine(caller.residentId(), Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, Applications.View::id, v -> v));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my applications with its history (who acted by role; comments meant for me)")
    public Uni<Details> one(@RestPath long id) {
        Principal me = caller.principal();
        return applications.mine(me.id(), id).flatMap(v -> applications.history(me, id).map(h -> new Details(v, h)));
    }

    @PUT
    @Path("/{id}/form")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit the form of a draft or of an application returned for a supplement")
    public Uni<Applications.View> edit(@RestPath long id, @Valid @NotNull FormEdit request,
            @HeaderParam("If-Match") String ifMatch) {
        return applications.edit(caller.residentId(), id, ExpectedVersion.of(request.version(), ifMatch), request.form());
    }

    @POST
    @Path("/{id}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit, resubmit after a return, or withdraw (the actions my application offers me now)")
    public Uni<Applications.View> act(@RestPath @Pattern(regexp = ACTION) String action, @RestPath long id,
            @Valid @NotNull ActionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return applications.act(caller.principal(), id, action, ExpectedVersion.of(request.version(), ifMatch),
                request.comment(), request.data());
    }
}
