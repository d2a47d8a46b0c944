package org.minzheng.eldercare.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.eldercare.MealMenu;
import org.minzheng.eldercare.service.MealMenus;

/** A canteen's published lunch menus, for anyone choosing where an elder eats. */
@Cancellable(false)
@Path("/api/v1/eldercare/canteens/{pointId}/menus")
@Tag(name = "eldercare")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CanteenMenusResource {

    /** Days shown when the range is not given: from today, a week. */
    static final int DEFAULT_DAYS = 7;

    private final MealMenus menus;
    private final java.time.Clock clock;

    public CanteenMenusResource(MealMenus menus, java.time.Clock clock) {
        this.menus = menus;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The canteen's lunch menus of the days from..to (at most 31 days; a week from today by default)")
    public Uni<List<MealMenu>> menus(@RestPath long pointId,
            @Parameter(description = "First day, e.g. 2026-10-08") @QueryParam("from") String from,
            @Parameter(description = "Last day") @QueryParam("to") String to) {
        LocalDate first = QueryDates.parse(from, "from");
        first = first == null ? LocalDate.now(clock) : first;
        LocalDate last = QueryDates.parse(to, "to");
        return menus.between(pointId, first, last == null ? first.plusDays(DEFAULT_DAYS - 1L) : last);
    }
}
