package org.minzheng.identity.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.web.Created;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.identity.StaffAccount;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.StaffAccounts;

/** Administrators manage staff accounts; every change lands in the audit log. */
@Cancellable(false)
@Path("/api/v1/admin/staff")
@Tag(name = "admin: staff", description = "Staff accounts, roles and scope")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StaffAdminResource {

    static final String PASSWORD_RULE = "at least 12 characters";

    public record ScopeRequest(@NotEmpty Set<StaffAccounts.@NotNull Role> roles,
            @NotNull @Size(max = 200) List<@NotNull @Positive Long> servicePointIds,
            @NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String> streetCodes) {
        StaffAccounts.Scope toScope() {
            return new StaffAccounts.Scope(roles, servicePointIds, streetCodes);
        }
    }

    public record NewStaff(@NotBlank @Pattern(regexp = "^[A-Za-z0-9._-]{3,64}$") String username,
            @NotBlank @Size(max = 64) String displayName,
            @NotNull @Size(min = 12, max = 128, message = PASSWORD_RULE) String password,
            @NotNull @Valid ScopeRequest scope) {
    }

    public record PasswordReset(@NotNull @Size(min = 12, max = 128, message = PASSWORD_RULE) String password) {
    }

    public record StaffView(long id, String username, String displayName, List<String> roles,
            List<Long> servicePointIds, List<String> streetCodes, boolean disabled, Instant createdAt, Instant updatedAt) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.id, a.username, a.displayName, List.of(a.roles), List.of(a.servicePointIds),
                    List.of(a.streetCodes), a.disabled, a.createdAt, a.updatedAt);
        }
    }

    private final StaffAccounts staff;
    private final Caller caller;

    public StaffAdminResource(StaffAccounts staff, Caller caller) {
        this.staff = staff;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a staff account")
    public Uni<RestResponse<StaffView>> create(@Valid @NotNull NewStaff request) {
        return staff.create(Actor.staff(caller.staffId()), request.username(), request.displayName(), request.password(),
                request.scope().toScope())
                .map(a -> Created.at("/api/v1/admin/staff/" + a.id, StaffView.of(a)));
    }

    @GET
    @Operation(summary = "Staff accounts in creation order, cursor-paged")
    public Uni<Page<StaffView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return staff.page(Cursor.decode(cursor), size + 1).map(rows -> Page.of(rows, size, a -> a.id, StaffView::of));
    }

    @GET
    @Path("/{id}")
    public Uni<StaffView> get(@RestPath long id) {
        return staff.get(id).map(StaffView::of);
    }

    @PUT
    @Path("/{id}/scope")
    @Operation(summary = "Change roles, service points and streets")
    public Uni<StaffView> rescope(@RestPath long id, @Valid @NotNull ScopeRequest scope) {
        return staff.rescope(caller.staffId(), id, scope.toScope()).map(StaffView::of);
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Disable an account: it can no longer sign in or refresh its session")
    public Uni<StaffView> disable(@RestPath long id) {
        return staff.setDisabled(caller.staffId(), id, true).map(StaffView::of);
    }

    @POST
    @Path("/{id}/enable")
    @Consumes(MediaType.WILDCARD)
    public Uni<StaffView> enable(@RestPath long id) {
        return staff.setDisabled(caller.staffId(), id, false).map(StaffView::of);
    }

    @PUT
    @Path("/{id}/password")
    @ResponseStatus(204)
    @Operation(summary = "Set a new password, e.g. after the staff member forgot theirs")
    public Uni<Void> resetPassword(@RestPath long id, @Valid @NotNull PasswordReset reset) {
        return staff.resetPassword(caller.staffId(), id, reset.password()).replaceWithVoid();
    }
}
