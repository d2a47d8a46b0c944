package org.minzheng.booking.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.minzheng.booking.Slot;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.booking.service.SlotCatalog;
import org.minzheng.booking.service.SlotMaterialiser;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** What the schedules produced: the materialised slots of a point, closed ones included. */
@Cancellable(false)
@Path("/api/v1/admin/service-points/{pointId}/slots")
@Tag(name = "admin: booking supply")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class SlotAdminResource {

    static final int MAX_DAYS = 62;

    public record SlotView(long id, LocalDate day, LocalTime startsAt, LocalTime endsAt, int capacity, int booked,
            Instant releaseAt, boolean closed, Long scheduleId) {
        static SlotView of(Slot s) {
            return new SlotView(s.id, s.day, s.startsAt, s.endsAt, s.capacity, s.booked, s.releaseAt, s.closed,
                    s.scheduleId);
        }
    }

    private final SlotCatalog catalog;
    private final ServicePoints points;
    private final SlotMaterialiser materialiser;

    public SlotAdminResource(SlotCatalog catalog, ServicePoints points, SlotMaterialiser materialiser) {
        this.catalog = catalog;
        this.points = points;
        this.materialiser = materialiser;
    }

    @GET
    @Operation(summary = "Slots of a service type at the point by day and start (default: today through the horizon)",
            description = "At most 62 days at once.")
    public Uni<List<SlotView>> list(@RestPath long pointId,
            @QueryParam("serviceType") @NotNull @Pattern(regexp = ServicePointAdminResource.SERVICE_TYPE) String serviceType,
            @Parameter(description = "First day, e.g. 2026-10-01") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive") @QueryParam("to") String to) {
        LocalDate fromDay = QueryDates.parse(from, "from");
        LocalDate toDay = QueryDates.parse(to, "to");
        LocalDate first = fromDay != null ? fromDay : materialiser.today();
        LocalDate last = toDay != null ? toDay : materialiser.horizonEnd(serviceType);
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("to", "DAY_RANGE", null)),
                    Map.of());
        }
        return points.get(pointId)
                .chain(() -> catalog.slots(pointId, serviceType, first, last))
                .map(slots -> slots.stream().map(SlotView::of).toList());
    }
}
