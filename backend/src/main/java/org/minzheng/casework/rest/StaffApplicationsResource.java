package org.minzheng.casework.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
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

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.casework.service.Applications;
import org.minzheng.casework.service.QueueCursor;
import org.minzheng.casework.service.WorkQueue;
import org.minzheng.common.paging.Cursor;
import org.minzheng.identity.service.Caller;

/** Caseworkers, approvers and administrators: work queues, claiming, and the workflow's actions. */
@Cancellable(false)
@Path("/api/v1/staff/applications")
@Tag(name = "staff: casework", description = "Work queues and decisions on applications")
@RolesAllowed({ "CASEWORKER", "APPROVER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class StaffApplicationsResource {

    public record Assignment(@Positive Long staffId) {
    }

    public record Details(Applications.View application, List<Applications.Step> history) {

        @Override
        public String toString() {
            return "Details[" + application + "]";
        }
    }

    private final WorkQueue queue;
    private final Applications applications;
    private final Caller caller;

    public StaffApplicationsResource(WorkQueue queue, Applications applications, Caller caller) {
        this.queue = queue;
        this.applications = applications;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "My jurisdiction's applications, soonest due first; overdue=true for those past their time; "
            + "assignee = a staff id, me or none")
    public Uni<WorkQueue.QueuePage> list(@QueryParam("type") @Pattern(regexp = "^[A-Z_]{2,40}$") String type,
            @QueryParam("status") @Pattern(regexp = "^[A-Z_]{2,40}$") String status,
            @QueryParam("overdue") Boolean overdue, @QueryParam("assignee") @Pattern(regexp = "^(me|none|[0-9]{1,18})$") String assignee,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queue.page(caller.principal(), new WorkQueue.Filter(type, status, overdue, assignee),
                QueueCursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An application with its form and full history; the read is audited")
    @WithTransaction // the read, its audit and the history on one connection: none refused after the audit's commit
    public Uni<Details> one(@RestPath long id) {
        return queue.one(caller.principal(), id)
                .flatMap(v -> applications.history(caller.principal(), id).map(h -> new Details(v, h)));
    }

    /** {@code field}: as the form's errors name it, e.g. {@code members[1].idNumber}. */
    public record RevealRequest(@NotBlank @Size(max = 200) String field, @NotBlank @Size(min = 4, max = 200) String purpose) {
    }

    public record Revealed(String field, String value) {
        @Override
        public String toString() {
            return "Revealed[" + field + "]";
        }
    }

    @POST
    @Path("/{id}/reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One field of the form unmasked (e.g. members[1].idNumber), with why: who, when, which field and "
            + "why go to the audit log")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<Revealed> reveal(@RestPath long id, @Valid @NotNull RevealRequest request) {
        return queue.reveal(caller.principal(), id, request.field(), request.purpose())
                .map(value -> new Revealed(request.field(), value));
    }

    @POST
    @Path("/{id}/claim")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Take the case: its actions are mine until an administrator reassigns it")
    public Uni<Applications.View> claim(@RestPath long id) {
        return queue.claim(caller.principal(), id);
    }

    @PUT
    @Path("/{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ADMIN")
    @Operation(summary = "Hand the case to a staff member, or release it (staffId absent)")
    public Uni<Applications.View> assign(@RestPath long id, @Valid @NotNull Assignment request) {
        return queue.assign(caller.principal(), id, request.staffId());
    }

    @POST
    @Path("/{id}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a workflow action (accept, return, approve, reject, ...) at the version I saw")
    public Uni<Applications.View> act(@RestPath @Pattern(regexp = MyApplicationsResource.ACTION) String action,
            @RestPath long id, @Valid @NotNull MyApplicationsResource.ActionRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        return applications.act(caller.principal(), id, action, ExpectedVersion.of(request.version(), ifMatch),
                request.comment(), request.data());
    }
}
