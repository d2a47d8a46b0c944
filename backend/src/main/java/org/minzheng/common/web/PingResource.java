package org.minzheng.common.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Answers 204 and does nothing else, through the app's usual filters: a client's connectivity check, and the
 * benchmark's HTTP ceiling (what this app answers per second when the work costs nothing).
 */
@Cancellable(false)
@Path("/api/v1/ping")
@Tag(name = "ping", description = "A connectivity check")
@PermitAll
public class PingResource {

    @GET
    @Operation(summary = "Answers 204 No Content; touches neither the database nor Redis")
    public Uni<Void> ping() {
        // a Uni keeps it on the event loop, as the API's other endpoints are
        return Uni.createFrom().voidItem();
    }
}
