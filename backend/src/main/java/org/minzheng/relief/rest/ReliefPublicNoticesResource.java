package org.minzheng.relief.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.relief.service.ReliefNotices;

/** 公示: the relief cases under public notice in a street, as the community sees them. */
@Cancellable(false)
@Path("/api/v1/relief/public-notices")
@Tag(name = "relief")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ReliefPublicNoticesResource {

    private final ReliefNotices notices;

    public ReliefPublicNoticesResource(ReliefNotices notices) {
        this.notices = notices;
    }

    @GET
    @Operation(summary = "The street's running notices: masked name, type and household size only; newest first")
    public Uni<Page<ReliefNotices.Notice>> list(@QueryParam("street") @NotNull @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,31}$") String street,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return notices.running(street, Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, ReliefNotices.Listed::key, ReliefNotices.Listed::notice));
    }
}
