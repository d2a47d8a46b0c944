package org.minzheng.memorial.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.ServicePoints;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.Principal;

/** Cemeteries as proxy sweeping sees them, through the booking capability's service points. */
@ApplicationScoped
public class ProxySweepSites {

    public static final String SERVICE_TYPE = "PROXY_SWEEPING";

    private final ServicePoints points;

    public ProxySweepSites(ServicePoints points) {
        this.points = points;
    }

    /**
     * An active cemetery offering proxy sweeping: 404 {@code CEMETERY_NOT_FOUND} for anything else by that
     * id (a gate, an office, an inactive cemetery), 409 {@code PROXY_SWEEPING_NOT_OFFERED} for a cemetery
     * that does not take such requests. Joins the caller's session.
     */
    public Uni<ServicePoint> offering(long cemeteryId) {
        return existing(cemeteryId).map(point -> {
            if (point == null || point.kind != ServicePoint.Kind.CEMETERY || !point.active) {
                throw new DomainException(404, "CEMETERY_NOT_FOUND");
            }
            if (!point.offers(SERVICE_TYPE)) {
                throw new DomainException(409, "PROXY_SWEEPING_NOT_OFFERED");
            }
            return point;
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
        return anyGateOf(cemeteryId, staff.servicePointIds(), 0).invoke(found -> {
            if (!found) {
                throw new DomainException(403, "NOT_YOUR_SERVICE_POINT");
            }
        }).replaceWithVoid();
    }

    /** One point after the other: they share the caller's session. A staff member is scoped to a few. */
    private Uni<Boolean> anyGateOf(long cemeteryId, List<Long> pointIds, int from) {
        if (from >= pointIds.size()) {
            return Uni.createFrom().item(false);
        }
        return existing(pointIds.get(from)).flatMap(point -> point != null && point.siteId != null
                && point.siteId == cemeteryId ? Uni.createFrom().item(true) : anyGateOf(cemeteryId, pointIds, from + 1));
    }

    private Uni<ServicePoint> existing(long id) {
        return points.find(id).onFailure(f -> f instanceof DomainException d && d.status() == 404).recoverWithNull();
    }
}
