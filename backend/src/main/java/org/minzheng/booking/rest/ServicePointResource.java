package org.minzheng.booking.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.common.paging.Cursor;
import org.minzheng.common.paging.Page;

/** Where residents can go: active service points, readable without signing in. */
@Cancellable(false)
@Path("/api/v1/service-points")
@Tag(name = "service points", description = "Offices, halls, cemetery gates, counseling rooms and canteens")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ServicePointResource {

    public record PublicServicePointView(long id, ServicePoint.Kind kind, String name, String streetCode, String address,
            Double latitude, Double longitude, String phone, String openingHours, List<String> serviceTypes) {
        static PublicServicePointView of(ServicePoint p) {
            return new PublicServicePointView(p.id, p.kind, p.name, p.streetCode, p.address, p.latitude, p.longitude,
                    p.phone, p.openingHours, List.of(p.serviceTypes));
        }
    }

    private final ServicePoints points;

    public ServicePointResource(ServicePoints points) {
        this.points = points;
    }

    @GET
    @Operation(summary = "Active service points, optionally offering a service type or in a street, cursor-paged")
    public Uni<Page<PublicServicePointView>> list(
            @QueryParam("serviceType") @Pattern(regexp = ServicePointAdminResource.SERVICE_TYPE) String serviceType,
            @QueryParam("street") @Pattern(regexp = ServicePointAdminResource.STREET_CODE) String street,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit);
        return points.page(new ServicePoints.Filter(true, serviceType, street), Cursor.decode(cursor), size + 1)
                .map(rows -> Page.of(rows, size, p -> p.id, PublicServicePointView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An active service point; an inactive one is not found")
    public Uni<PublicServicePointView> get(@RestPath long id) {
        return points.getActive(id).map(PublicServicePointView::of);
    }
}
