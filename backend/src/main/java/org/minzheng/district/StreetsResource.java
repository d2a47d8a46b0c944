package org.minzheng.district;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** The streets a resident picks their household's address from. */
@Cancellable(false)
@Path("/api/v1/streets")
@Tag(name = "district", description = "The district's streets")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class StreetsResource {

    private final Streets streets;

    public StreetsResource(Streets streets) {
        this.streets = streets;
    }

    @GET
    @Operation(summary = "The district's streets (街道) by code")
    public List<Streets.Street> list() {
        return streets.all();
    }
}
