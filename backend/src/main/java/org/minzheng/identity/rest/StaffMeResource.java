package org.minzheng.identity.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.StaffAccounts;

/** The signed-in staff member's own account, as it stands now (the token may be older): what the console shows. */
@Cancellable(false)
@Path("/api/v1/staff/me")
@Tag(name = "staff: me")
@RolesAllowed({ "COUNTER", "CASEWORKER", "APPROVER", "ADMIN", "COUNSELOR" })
@Produces(MediaType.APPLICATION_JSON)
public class StaffMeResource {

    public record Me(long id, String username, String displayName, List<String> roles, List<Long> servicePointIds,
            List<String> streetCodes) {
    }

    private final StaffAccounts accounts;
    private final Caller caller;

    public StaffMeResource(StaffAccounts accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "My account: name, roles, the service points and streets I serve")
    public Uni<Me> me() {
        return accounts.get(caller.staffId()).map(a -> new Me(a.id, a.username, a.displayName, List.of(a.roles),
                List.of(a.servicePointIds), List.of(a.streetCodes)));
    }
}
