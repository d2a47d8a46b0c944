package org.minzheng.memorial.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.Principal;
import org.minzheng.memorial.TombSweepingPolicy;

/**
 * Cemeteries as the memorial capability sees them, through the booking capability's service points: a
 * cemetery is a site, its gates the points that belong to it.
 */
@ApplicationScoped
public class Cemeteries {

    public static final String PROXY_SWEEPING = "PROXY_SWEEPING";

    private final ServicePoints points;

    public Cemeteries(ServicePoints points) {
        this.points = points;
    }

    /** An active cemetery, or 404 {@code CEMETERY_NOT_FOUND} for anything else by that id (a gate, an office). */
    public Uni<ServicePoint> cemetery(long id) {
        return points.find(id).onFailure(f -> f instanceof DomainException d && d.status() == 404).recoverWithNull()
                .map(point -> {
                    if (point == null || point.kind != ServicePoint.Kind.CEMETERY || !point.active) {
                        throw new DomainException(404, "CEMETERY_NOT_FOUND");
                    }
                    return point;
                });
    }

    /** The cemetery's active gates taking tomb-sweeping bookings, in id order. */
    public Uni<List<ServicePoint>> gates(long cemeteryId) {
        return points.activeMembers(cemeteryId, TombSweepingPolicy.TYPE);
    }

    /**
     * An active cemetery taking 代祭扫 requests: 404 as {@link #cemetery}, 409 {@code PROXY_SWEEPING_NOT_OFFERED}
     * for one that does not. Joins the caller's session.
     */
    public Uni<ServicePoint> offeringProxySweeping(long cemeteryId) {
        return cemetery(cemeteryId).invoke(point -> {
            if (!point.offers(PROXY_SWEEPING)) {
                throw new DomainException(409, "PROXY_SWEEPING_NOT_OFFERED");
            }
        });
    }

    /**
     * Administrators act at every cemetery; counter staff where their account is scoped, to the cemetery
     * itself or one of its gates. Otherwise 403 {@code NOT_YOUR_SERVICE_POINT}.
     */
    public Uni<Void> requireScope(Principal staff, long cemeteryId) {
        if (staff.roles().contains("ADMIN") || staff.servicePointIds().contains(cemeteryId)) {
            return Uni.createFrom().voidItem();
        }
        return points.anyOfSite(cemeteryId, staff.servicePointIds()).invoke(found -> {
            if (!found) {
                throw new DomainException(403, "NOT_YOUR_SERVICE_POINT");
            }
        }).replaceWithVoid();
    }
}
