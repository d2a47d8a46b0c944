package org.minzheng.booking.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.service.WorkCalendarLoader;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.identity.service.Caller;

/** Administrators load each year's national holiday schedule once the State Council publishes it. */
@Cancellable(false)
@Path("/api/v1/admin/calendar")
@Tag(name = "admin: booking supply")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarAdminResource {

    public record HolidayRequest(@NotBlank @Size(max = 32) String name, @NotNull LocalDate from, @NotNull LocalDate to) {
    }

    @Schema(description = "A year of the State Council's holiday notice: holiday ranges and 调休 make-up workdays")
    public record CalendarRequest(
            @Schema(description = "Optional; when present it must equal the year in the path") Integer year,
            @Schema(description = "The notice the dates come from") @NotBlank @Size(max = 500) String source,
            @NotNull @Size(max = 40) List<@NotNull @Valid HolidayRequest> holidays,
            @NotNull @Size(max = 40) List<@NotNull LocalDate> makeupWorkdays) {
    }

    private final WorkCalendarLoader loader;
    private final Caller caller;

    public CalendarAdminResource(WorkCalendarLoader loader, Caller caller) {
        this.loader = loader;
        this.caller = caller;
    }

    @PUT
    @Path("/{year}")
    @Operation(summary = "Replace a year's holidays and make-up workdays atomically",
            description = "Every date must lie in the year, a holiday's from must not be after its to, and no day may be "
                    + "both a holiday and a make-up workday. The slots of the year's days are re-materialised at once.")
    public Uni<CalendarResource.CalendarView> replace(@RestPath @Min(2000) @Max(2100) int year,
            @Valid @NotNull CalendarRequest request) {
        if (request.year() != null && request.year() != year) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("year", "YEAR_MISMATCH", null)),
                    Map.of());
        }
        return loader.replace(caller.staffId(), year, request.source(),
                request.holidays().stream().map(h -> new WorkCalendarLoader.Holiday(h.name(), h.from(), h.to())).toList(),
                request.makeupWorkdays())
                .map(CalendarResource.CalendarView::of);
    }
}
