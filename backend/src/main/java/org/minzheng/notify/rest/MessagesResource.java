package org.minzheng.notify.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.minzheng.common.paging.Cursor;
import org.minzheng.identity.service.Caller;
import org.minzheng.notify.service.Inbox;
import org.minzheng.notify.service.Subscriptions;

/** The signed-in resident's messages and subscribe-message consent. */
@Cancellable(false)
@Path("/api/v1/me")
@Tag(name = "messages", description = "In-app messages and WeChat subscribe-message consent")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    public record MessagePage(List<Inbox.Message> items, String nextCursor, long unread) {
    }

    public record AcceptedTemplate(@NotNull @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,63}$") String templateKey, boolean always) {
    }

    public record SubscriptionReport(@NotEmpty @Size(max = 20) List<@NotNull @Valid AcceptedTemplate> accepted) {
    }

    private final Inbox inbox;
    private final Subscriptions subscriptions;
    private final Caller caller;

    public MessagesResource(Inbox inbox, Subscriptions subscriptions, Caller caller) {
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @GET
    @Path("/messages")
    @Operation(summary = "My messages, newest first, cursor-paged, with the number unread")
    public Uni<MessagePage> messages(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        long resident = caller.residentId();
        return inbox.page(resident, Cursor.decode(cursor), size + 1).flatMap(rows -> inbox.unread(resident).map(unread -> {
            var page = org.minzheng.common.paging.Page.of(rows, size, Inbox.Message::id, m -> m);
            return new MessagePage(page.items(), page.nextCursor(), unread);
        }));
    }

    @POST
    @Path("/messages/{id}/read")
    @Consumes(MediaType.WILDCARD)
    public Uni<Inbox.Message> read(@RestPath long id) {
        return inbox.read(caller.residentId(), id);
    }

    @POST
    @Path("/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report the templates just accepted in wx.requestSubscribeMessage (one send each, or always)")
    public Uni<List<Subscriptions.Consent>> accept(@Valid @NotNull SubscriptionReport report) {
        return subscriptions.record(caller.residentId(), report.accepted().stream()
                .map(a -> new Subscriptions.Accepted(a.templateKey(), a.always())).toList());
    }

    @GET
    @Path("/subscriptions")
    @Operation(summary = "What is left of my consent per template")
    public Uni<List<Subscriptions.Consent>> consent() {
        return subscriptions.of(caller.residentId());
    }
}
