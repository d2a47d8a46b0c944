package org.minzheng.identity.rest;

import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.audit.AuditEntry;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;

@Cancellable(false)
@Path("/api/v1/admin/audit")
@Tag(name = "admin: audit", description = "The append-only audit log")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record Entry(long id, OffsetDateTime at, AuditEntry.ActorKind actorKind, String actorId, String action,
            String subject, String purpose, String requestId) {
        static Entry of(AuditEntry e) {
            return new Entry(e.id, e.at.atOffset(java.time.ZoneOffset.ofHours(8)), e.actorKind, e.actorId, e.action,
                    e.subject, e.purpose, e.requestId);
        }
    }

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Audit entries, newest first, filtered and cursor-paged")
    public Uni<Page<Entry>> search(@QueryParam("actorKind") AuditEntry.ActorKind actorKind,
            @QueryParam("actorId") String actorId, @QueryParam("action") String action,
            @QueryParam("subject") String subject, @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        var filter = new AuditLog.Filter(actorKind, actorId, action, subject, from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant());
        return audit.search(filter, Cursor.decode(cursor), size + 1).map(rows -> Page.of(rows, size, e -> e.id, Entry::of));
    }
}
