package org.minzheng.eldercare.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.rest.QueryDates;
import org.minzheng.eldercare.MealMenu;
import org.minzheng.eldercare.service.MealMenus;
import org.minzheng.eldercare.service.MealOrders;
import org.minzheng.identity.service.Caller;

/**
 * A canteen's own counter staff (or an administrator): publish the lunch menus and see the day's meals with what
 * to collect. A meal is served by checking its booking in at the counter ({@code POST /api/v1/staff/check-ins}).
 */
@Cancellable(false)
@Path("/api/v1/staff/eldercare/canteens/{pointId}")
@Tag(name = "staff: eldercare")
@RolesAllowed({ "COUNTER", "ADMIN" })
@Produces(MediaType.APPLICATION_JSON)
public class StaffCanteenResource {

    public record MenuRequest(@NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 50) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String> dishes,
            @Schema(description = "The meal's price before any subsidy") @NotNull @DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal priceCny,
            @NotNull Boolean deliveryOffered,
            @Schema(description = "Added to a delivered meal's price; only where delivery is offered") @DecimalMin("0")
            @Digits(integer = 6, fraction = 2) BigDecimal deliveryFeeCny) {
    }

    private final MealMenus menus;
    private final MealOrders orders;
    private final Caller caller;
    private final java.time.Clock clock;

    public StaffCanteenResource(MealMenus menus, MealOrders orders, Caller caller, java.time.Clock clock) {
        this.menus = menus;
        this.orders = orders;
        this.caller = caller;
        this.clock = clock;
    }

    @PUT
    @Path("/menus/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish or replace the lunch menu of a workday (today or later); meals booked keep their price; audited")
    public Uni<MealMenu> publish(@RestPath long pointId, @RestPath LocalDate day, @Valid @NotNull MenuRequest request) {
        return menus.publish(caller.principal(), pointId, day, new MealMenus.Menu(request.dishes(), request.priceCny(),
                request.deliveryOffered(), request.deliveryFeeCny()));
    }

    @GET
    @Path("/meals")
    @Operation(summary = "The day's meals at this canteen (today by default): people masked, dine-in or delivery, price to collect")
    public Uni<MealOrders.CanteenDay> meals(@RestPath long pointId,
            @Parameter(description = "The day, e.g. 2026-10-08") @QueryParam("date") String date) {
        return orders.day(caller.principal(), pointId, QueryDates.parse(date, "date", LocalDate.now(clock)));
    }
}
