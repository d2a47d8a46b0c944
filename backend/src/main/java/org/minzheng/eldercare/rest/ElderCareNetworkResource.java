package org.minzheng.eldercare.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.rest.ServicePointAdminResource;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.common.paging.Cursor;

/** The elder-care network near a resident: centres, stations and points, nearest first. */
@Cancellable(false)
@Path("/api/v1/eldercare/service-points")
@Tag(name = "eldercare", description = "Elderly services: the network, eligibility, applications, meals")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ElderCareNetworkResource {

    /** {@code kind}: the level in the network; {@code distanceMeters} along the earth's surface. */
    public record NearbyPoint(long id, ServicePoint.Kind kind, String name, String streetCode, String address,
            double latitude, double longitude, String phone, String openingHours, List<String> services,
            long distanceMeters) {

        static NearbyPoint of(ServicePoints.Nearby n) {
            ServicePoint p = n.point();
            return new NearbyPoint(p.id, p.kind, p.name, p.streetCode, p.address, p.latitude, p.longitude, p.phone,
                    p.openingHours, List.of(p.serviceTypes), n.meters());
        }
    }

    private final ServicePoints points;

    public ElderCareNetworkResource(ServicePoints points) {
        this.points = points;
    }

    @GET
    @Operation(summary = "The elder-care places nearest to a position (offering a service when given), nearest first with distances")
    public Uni<List<NearbyPoint>> nearest(@QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @QueryParam("lng") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
            @QueryParam("service") @Pattern(regexp = ServicePointAdminResource.SERVICE_TYPE) String service,
            @QueryParam("limit") Integer limit) {
        return points.nearest(lat, lng, List.copyOf(ServicePoint.Kind.ELDER_CARE), service, Cursor.limit(limit))
                .map(found -> found.stream().map(NearbyPoint::of).toList());
    }
}
