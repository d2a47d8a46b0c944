package org.minzheng.notify.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
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
import org.minzheng.booking.service.CounterDesk;
import org.minzheng.casework.service.Applications;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.identity.service.Caller;
import org.minzheng.identity.service.Principal;
import org.minzheng.notify.service.Deliveries;

/** Delivery status of residents' notifications for staff, and the replay of dead letters for admins. */
@Cancellable(false)
@Path("/api/v1/staff/notifications")
@Tag(name = "staff-notifications", description = "Where each notification stands; replay of failed ones")
@Produces(MediaType.APPLICATION_JSON)
public class StaffNotificationsResource {

    private static final Set<String> STATUSES = Set.of("WAITING", "QUEUED", "SENDING", "RETRYING", "REPLAY", "SENT",
            "NO_CONSENT", "CONSENT_REVOKED", "REJECTED", "FAILED", "UNCONFIRMED", "INBOX_ONLY");

    private final Deliveries deliveries;
    private final CounterDesk counter;
    private final Applications applications;
    private final Caller caller;

    public StaffNotificationsResource(Deliveries deliveries, CounterDesk counter, Applications applications, Caller caller) {
        this.deliveries = deliveries;
        this.counter = counter;
        this.applications = applications;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "COUNTER", "CASEWORKER", "APPROVER", "ADMIN" })
    @Operation(summary = "Notifications of a booking or application, or in one status (FAILED: the dead letters), newest first")
    public Uni<Page<Deliveries.Delivery>> search(@QueryParam("booking") Long booking,
            @QueryParam("application") Long application, @QueryParam("status") String status,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new DomainException(400, "INVALID_STATUS", List.of(new FieldError("status", "INVALID_STATUS", null)),
                    Map.of());
        }
        String subject = booking != null ? "booking:" + booking : application != null ? "application:" + application : null;
        int size = Cursor.limit(limit);
        Long after = Cursor.decode(cursor);
        return scope(booking, application).chain(() -> deliveries.search(new Deliveries.Filter(subject, status), after, size + 1))
                .map(rows -> Page.of(rows, size, Deliveries.Delivery::id, d -> d));
    }

    /**
     * Staff see the notifications of what they serve: a booking at their point, an application in their
     * jurisdiction; lists across everything are for administrators.
     */
    private Uni<Void> scope(Long booking, Long application) {
        Principal staff = caller.principal();
        if (booking != null) {
            return counter.requireScopeOfBooking(staff, booking);
        }
        if (application != null) {
            return applications.requireVisible(staff, application);
        }
        if (!staff.roles().contains("ADMIN")) {
            throw new DomainException(400, "SUBJECT_REQUIRED", List.of(new FieldError("booking", "SUBJECT_REQUIRED", null)),
                    Map.of());
        }
        return Uni.createFrom().voidItem();
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("ADMIN")
    @Operation(summary = "Send a failed, refused or unconfirmed notification again")
    public Uni<Deliveries.Delivery> replay(@RestPath long id) {
        return deliveries.replay(Actor.staff(caller.staffId()), id);
    }
}
