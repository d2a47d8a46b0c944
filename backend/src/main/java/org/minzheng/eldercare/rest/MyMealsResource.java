package org.minzheng.eldercare.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.eldercare.MealMode;
import org.minzheng.eldercare.service.MealOrders;
import org.minzheng.eldercare.service.MealPrices;
import org.minzheng.identity.service.Caller;

/**
 * A resident's elderly meals, for themselves or a family member ({@code ?person=} the dependant's id). A meal is
 * booked through {@code POST /api/v1/me/bookings} with the lunch slot, the dependant and {@code details.mode}.
 */
@Cancellable(false)
@Path("/api/v1/me/eldercare/meals")
@Tag(name = "eldercare")
@RolesAllowed("RESIDENT")
@Produces(MediaType.APPLICATION_JSON)
public class MyMealsResource {

    private final MealPrices prices;
    private final MealOrders orders;
    private final Caller caller;
    private final java.time.Clock clock;

    public MyMealsResource(MealPrices prices, MealOrders orders, Caller caller, java.time.Clock clock) {
        this.prices = prices;
        this.orders = orders;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/quote")
    @Operation(summary = "What a meal of this lunch slot would cost me or my dependant, and why (the subsidy tier)")
    public Uni<MealPrices.MealQuote> quote(@QueryParam("slotId") @NotNull @Positive Long slotId,
            @Parameter(description = "The dependant's id; absent: myself") @QueryParam("person") @Positive Long person,
            @Parameter(description = "DINE_IN (default) or DELIVERY") @QueryParam("mode") @Pattern(regexp = "^(DINE_IN|DELIVERY)$") String mode) {
        return prices.quote(caller.residentId(), person, slotId, mode == null ? MealMode.DINE_IN : MealMode.valueOf(mode));
    }

    @GET
    @Operation(summary = "The meals I booked (for myself and my family) from..to, at most 31 days; a week from today by default")
    public Uni<List<MealOrders.BookedMeal>> mine(@Parameter(description = "First day, e.g. 2026-10-08") @QueryParam("from") String from,
            @Parameter(description = "Last day") @QueryParam("to") String to) {
        LocalDate first = QueryDates.parse(from, "from");
        first = first == null ? LocalDate.now(clock) : first;
        LocalDate last = QueryDates.parse(to, "to");
        return orders.mine(caller.residentId(), first, last == null ? first.plusDays(CanteenMenusResource.DEFAULT_DAYS - 1L) : last);
    }
}
