package org.minzheng.booking.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.repository.ServicePointRepository;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Service points as administrators keep them. Never deleted: deactivating one takes it out of public
 * lists and closes its future slots (those with bookings stay, closed, for the counter to handle).
 */
@ApplicationScoped
public class ServicePoints {

    /** What an administrator sets; service types are kept sorted and distinct. */
    public record Details(ServicePoint.Kind kind, String name, String streetCode, String address, Double latitude,
            Double longitude, String phone, String openingHours, List<String> serviceTypes, Long siteId) {
    }

    /** Filters of a list; null means any. */
    public record Filter(Boolean active, String serviceType, String streetCode, ServicePoint.Kind kind) {

        public Filter(Boolean active, String serviceType, String streetCode) {
            this(active, serviceType, streetCode, null);
        }
    }

    private final ServicePointRepository points;
    private final SlotMaterialiser materialiser;
    private final AuditLog audit;
    private final Clock clock;

    public ServicePoints(ServicePointRepository points, SlotMaterialiser materialiser, AuditLog audit, Clock clock) {
        this.points = points;
        this.materialiser = materialiser;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<ServicePoint> create(long adminId, Details details) {
        validate(details);
        return Panache.withTransaction(() -> {
            ServicePoint point = new ServicePoint();
            apply(point, details);
            point.active = true;
            point.createdAt = clock.instant();
            point.updatedAt = point.createdAt;
            return checkSite(null, details.siteId()).chain(() -> points.persistAndFlush(point))
                    .call(p -> audit.record(Actor.staff(adminId), "SERVICE_POINT_CREATED", subject(p), null));
        });
    }

    /**
     * Replaces the details and the active flag (null: unchanged). With {@code expectedVersion}, a point
     * changed meanwhile is 409 {@code STALE_VERSION}. Slots of every type it offered or now offers are
     * re-materialised in the same transaction.
     */
    public Uni<ServicePoint> update(long adminId, long id, Details details, Boolean active, Integer expectedVersion) {
        validate(details);
        return Panache.withTransaction(() -> find(id)
                .call(point -> checkSite(id, details.siteId()))
                .call(point -> java.util.Objects.equals(point.siteId, details.siteId()) ? Uni.createFrom().voidItem()
                        : refuseWithLiveBookings(point))
                .flatMap(point -> replace(adminId, point, details, active, expectedVersion)))
                .onFailure(DatabaseErrors::staleVersion).transform(f -> new DomainException(409, "STALE_VERSION"));
    }

    private Uni<ServicePoint> replace(long adminId, ServicePoint point, Details details, Boolean active,
            Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != point.version) {
            throw new DomainException(409, "STALE_VERSION");
        }
        Set<String> affected = new TreeSet<>(List.of(point.serviceTypes));
        boolean wasActive = point.active;
        apply(point, details);
        if (active != null) {
            point.active = active;
        }
        point.updatedAt = clock.instant();
        affected.addAll(List.of(point.serviceTypes));
        String action = wasActive && !point.active ? "SERVICE_POINT_DEACTIVATED"
                : !wasActive && point.active ? "SERVICE_POINT_ACTIVATED" : "SERVICE_POINT_UPDATED";
        return points.flush()
                .chain(() -> audit.record(Actor.staff(adminId), action, subject(point), null))
                .chain(() -> materialiser.materialise(point.id, affected))
                .replaceWith(point);
    }

    public Uni<List<ServicePoint>> page(Filter filter, Long afterId, int limitPlusOne) {
        return Panache.withSession(
                () -> points.search(filter.active(), filter.serviceType(), filter.streetCode(), filter.kind(), afterId,
                        limitPlusOne));
    }

    /** A point and its distance from where the resident is. */
    public record Nearby(ServicePoint point, long meters) {
    }

    /** The active points of {@code kinds} nearest to a place (offering {@code serviceType} when given), nearest first. */
    public Uni<List<Nearby>> nearest(double latitude, double longitude, List<ServicePoint.Kind> kinds, String serviceType,
            int limit) {
        return Panache.withSession(() -> points.nearest(latitude, longitude, kinds, serviceType, limit)
                .flatMap(found -> found.isEmpty() ? Uni.createFrom().item(List.<Nearby>of())
                        : points.list("id IN ?1", found.stream().map(ServicePointRepository.Distance::id).toList())
                                .map(loaded -> {
                                    Map<Long, ServicePoint> byId = new java.util.HashMap<>();
                                    loaded.forEach(p -> byId.put(p.id, p));
                                    return found.stream().map(d -> new Nearby(byId.get(d.id()), Math.round(d.meters())))
                                            .toList();
                                })));
    }

    /** The active points of a site (a cemetery's gates) offering the type, in id order. */
    public Uni<List<ServicePoint>> activeMembers(long siteId, String serviceType) {
        return Panache.withSession(() -> points.list("siteId = ?1 AND active = true ORDER BY id", siteId))
                .map(list -> list.stream().filter(p -> p.offers(serviceType)).toList());
    }

    /** Whether any of the points belongs to the site (one query, whatever the number of points). */
    public Uni<Boolean> anyOfSite(long siteId, List<Long> pointIds) {
        if (pointIds.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Panache.withSession(() -> points.count("siteId = ?1 AND id IN ?2", siteId, pointIds)).map(n -> n > 0);
    }

    public Uni<ServicePoint> get(long id) {
        return Panache.withSession(() -> find(id));
    }

    /** For residents: an inactive point is "not found". */
    public Uni<ServicePoint> getActive(long id) {
        return get(id).invoke(point -> {
            if (!point.active) {
                throw notFound();
            }
        });
    }

    /** The point, 404 {@code SERVICE_POINT_NOT_FOUND} when there is none; joins the caller's session. */
    public Uni<ServicePoint> find(long id) {
        return Panache.withSession(() -> points.findById(id)).onItem().ifNull().failWith(ServicePoints::notFound);
    }

    private static DomainException notFound() {
        return new DomainException(404, "SERVICE_POINT_NOT_FOUND");
    }

    /** A position needs both coordinates (single fields are checked by Bean Validation in the resource). */
    static void validate(Details d) {
        if ((d.kind() == ServicePoint.Kind.CEMETERY_GATE || d.kind() == ServicePoint.Kind.COUNSELOR_DUTY) && d.siteId() == null) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("siteId", "SITE_REQUIRED", null)),
                    Map.of());
        }
        if ((d.latitude() == null) != (d.longitude() == null)) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError(d.latitude() == null ? "latitude" : "longitude", "COORDINATES_INCOMPLETE", null)),
                    Map.of());
        }
    }

    /**
     * A point's site scopes its bookings' one-per-person rules (one tomb-sweeping booking per cemetery and
     * day): it cannot move to another site while it has live bookings.
     */
    private Uni<Void> refuseWithLiveBookings(ServicePoint point) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT count(*) FROM booking WHERE service_point_id = :id AND status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN')",
                Long.class).setParameter("id", point.id).getSingleResult()).invoke(live -> {
                    if (live > 0) {
                        throw new DomainException(409, "POINT_HAS_LIVE_BOOKINGS");
                    }
                }).replaceWithVoid();
    }

    /** One level only: a site is a point that belongs to none, and a point others belong to belongs to none. */
    private Uni<Void> checkSite(Long pointId, Long siteId) {
        if (siteId == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Long> members = pointId == null ? Uni.createFrom().item(0L) : points.count("siteId", pointId);
        return points.findById(siteId).flatMap(site -> members.invoke(count -> {
            if (site == null || site.siteId != null || site.id.equals(pointId) || count > 0) {
                throw new DomainException(400, "VALIDATION_FAILED",
                        List.of(new FieldError("siteId", "INVALID_SITE", null)), Map.of());
            }
        })).replaceWithVoid();
    }

    private static void apply(ServicePoint point, Details d) {
        point.siteId = d.siteId();
        point.kind = d.kind();
        point.name = d.name().strip();
        point.streetCode = d.streetCode();
        point.address = d.address().strip();
        point.latitude = d.latitude();
        point.longitude = d.longitude();
        point.phone = d.phone() == null || d.phone().isBlank() ? null : d.phone().strip();
        point.openingHours = d.openingHours() == null || d.openingHours().isBlank() ? null : d.openingHours().strip();
        point.serviceTypes = new TreeSet<>(d.serviceTypes()).toArray(String[]::new);
    }

    static String subject(ServicePoint point) {
        return "service-point:" + point.id;
    }
}
