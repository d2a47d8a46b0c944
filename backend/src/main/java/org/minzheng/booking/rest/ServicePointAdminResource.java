package org.minzheng.booking.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.common.web.Created;
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;
import org.minzheng.identity.service.Caller;

/** Administrators keep the offices, halls, gates, rooms and canteens; every change is audited. */
@Cancellable(false)
@Path("/api/v1/admin/service-points")
@Tag(name = "admin: booking supply", description = "Service points, schedules, exceptions, work calendar and slots")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicePointAdminResource {

    public static final String SERVICE_TYPE = "^[A-Z_]{2,32}$";
    static final String STREET_CODE = "^[A-Za-z0-9_-]{1,32}$";

    public record ServicePointRequest(@NotNull ServicePoint.Kind kind,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = STREET_CODE) String streetCode,
            @NotBlank @Size(max = 200) String address,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Pattern(regexp = "^[0-9+() -]{5,20}$") String phone,
            @Schema(description = "As residents read it, e.g. 周一至周五 08:30-17:30") @Size(max = 100) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String openingHours,
            @NotNull @Size(max = 20) List<@NotNull @Pattern(regexp = SERVICE_TYPE) String> serviceTypes,
            @Schema(description = "The site this point belongs to, e.g. a gate's cemetery (a point without a site itself)") Long siteId,
            @Schema(description = "PUT only: false deactivates, true reactivates, absent leaves it; new points are active") Boolean active,
            @Schema(description = "PUT only, optional: the version read; a point changed since is 409 STALE_VERSION") Integer version) {

        ServicePoints.Details details() {
            return new ServicePoints.Details(kind, name, streetCode, address, latitude, longitude, phone, openingHours,
                    serviceTypes, siteId);
        }
    }

    public record ServicePointView(long id, ServicePoint.Kind kind, String name, String streetCode, String address,
            Double latitude, Double longitude, String phone, String openingHours, List<String> serviceTypes, Long siteId,
            boolean active, Instant createdAt, Instant updatedAt, int version) {
        static ServicePointView of(ServicePoint p) {
            return new ServicePointView(p.id, p.kind, p.name, p.streetCode, p.address, p.latitude, p.longitude, p.phone,
                    p.openingHours, List.of(p.serviceTypes), p.siteId, p.active, p.createdAt, p.updatedAt, p.version);
        }
    }

    private final ServicePoints points;
    private final Caller caller;

    public ServicePointAdminResource(ServicePoints points, Caller caller) {
        this.points = points;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a service point (active)")
    public Uni<RestResponse<ServicePointView>> create(@Valid @NotNull ServicePointRequest request) {
        return points.create(caller.staffId(), request.details())
                .map(p -> Created.at("/api/v1/admin/service-points/" + p.id, ServicePointView.of(p)));
    }

    @GET
    @Operation(summary = "Service points in creation order, inactive ones included, cursor-paged")
    public Uni<Page<ServicePointView>> list(@QueryParam("active") Boolean active,
            @QueryParam("serviceType") @Pattern(regexp = SERVICE_TYPE) String serviceType,
            @QueryParam("street") @Pattern(regexp = STREET_CODE) String street,
            @QueryParam("kind") ServicePoint.Kind kind,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return points.page(new ServicePoints.Filter(active, serviceType, street, kind), Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, p -> p.id, ServicePointView::of));
    }

    @GET
    @Path("/{id}")
    public Uni<ServicePointView> get(@RestPath long id) {
        return points.get(id).map(ServicePointView::of);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a service point's details; active=false deactivates it (never deleted)",
            description = "Slots of the types it offered or now offers are re-materialised at once: a deactivated "
                    + "point or a withdrawn type loses its unbooked future slots, and booked ones are closed.")
    public Uni<ServicePointView> update(@RestPath long id, @Valid @NotNull ServicePointRequest request) {
        return points.update(caller.staffId(), id, request.details(), request.active(), request.version())
                .map(ServicePointView::of);
    }
}
