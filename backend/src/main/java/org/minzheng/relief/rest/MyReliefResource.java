package org.minzheng.relief.rest;

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
import org.minzheng.identity.service.People;
import org.minzheng.relief.service.ReliefStatus;

/**
 * A resident's own relief in force. Not a dependant's: a dependant is added on the resident's word, so their
 * relief status (sensitive) is for staff to see, not for whoever names them.
 */
@Cancellable(false)
@Path("/api/v1/me/relief")
@Tag(name = "relief")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyReliefResource {

    private final People people;
    private final ReliefStatus status;
    private final Caller caller;

    public MyReliefResource(People people, ReliefStatus status, Caller caller) {
        this.people = people;
        this.status = status;
        this.caller = caller;
    }

    @GET
    @Path("/status")
    @Operation(summary = "The regular relief (低保, 低保边缘, 支出型困难, 特困) covering me now, with validity dates")
    public Uni<List<ReliefStatus.Grant>> status() {
        return people.actingFor(caller.residentId(), null).flatMap(person -> status.of(person.idNumberIndex()));
    }
}
