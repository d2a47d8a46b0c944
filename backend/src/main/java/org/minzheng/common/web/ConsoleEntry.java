package org.minzheng.common.web;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /console} is the staff console's page at {@code /console/} (served from META-INF/resources/console). */
@Cancellable(false)
@Path("/console")
@PermitAll
public class ConsoleEntry {

    @GET
    @Operation(hidden = true)
    public RestResponse<Void> page() {
        return RestResponse.seeOther(URI.create("/console/"));
    }
}
