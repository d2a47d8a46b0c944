package org.minzheng.booking.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;

@ApplicationScoped
public class ServicePointRepository implements PanacheRepository<ServicePoint> {

    /** The entity's columns (not {@code earth}, the database's own). */
    private static final String COLUMNS = "id, kind, name, street_code, address, latitude, longitude, phone, opening_hours, "
            + "site_id, service_types, active, created_at, updated_at, version";

    /** In id order after {@code afterId}; every filter is optional. */
    public Uni<List<ServicePoint>> search(Boolean active, String serviceType, String streetCode, ServicePoint.Kind kind,
            Long afterId, int limit) {
        List<String> where = new ArrayList<>();
        if (active != null) {
            where.add("active = :active");
        }
        if (serviceType != null) {
            where.add(":serviceType = ANY (service_types)");
        }
        if (streetCode != null) {
            where.add("street_code = :streetCode");
        }
        if (kind != null) {
            where.add("kind = :kind");
        }
        if (afterId != null) {
            where.add("id > :afterId");
        }
        String sql = "SELECT " + COLUMNS + " FROM service_point" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id LIMIT :limit";
        return getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, ServicePoint.class).setParameter("limit", limit);
            if (active != null) {
                query.setParameter("active", active);
            }
            if (serviceType != null) {
                query.setParameter("serviceType", serviceType);
            }
            if (streetCode != null) {
                query.setParameter("streetCode", streetCode);
            }
            if (kind != null) {
                query.setParameter("kind", kind.name());
            }
            if (afterId != null) {
                query.setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /** Mean earth radius (IUGG), metres. */
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    /**
     * Nearest first by the {@code service_point_nearest} index's own order ({@code earth <-> here}), so the scan
     * stops after {@code :limit} rows; the distance in metres from the chord between the points on the unit sphere.
     */
    public static final String NEAREST = """
            SELECT id, 2 * :radius * asin(least(1, (earth <-> cube(CAST(ARRAY[:x, :y, :z] AS float8[]))) / 2)) AS meters
            FROM service_point
            WHERE active AND earth IS NOT NULL AND kind IN (:kinds)
              AND (CAST(:service AS text) IS NULL OR CAST(:service AS text) = ANY (service_types))
            ORDER BY earth <-> cube(CAST(ARRAY[:x, :y, :z] AS float8[])) LIMIT :limit""";

    /** A point and how far it is, in metres along the earth's surface. */
    public record Distance(long id, double meters) {
    }

    /** The active points of {@code kinds} (offering {@code serviceType} when given) nearest to a place, nearest first. */
    public Uni<List<Distance>> nearest(double latitude, double longitude, List<ServicePoint.Kind> kinds, String serviceType,
            int limit) {
        double lat = Math.toRadians(latitude);
        double lng = Math.toRadians(longitude);
        return getSession().flatMap(session -> session.createNativeQuery(NEAREST, Object[].class)
                .setParameter("radius", EARTH_RADIUS_M)
                .setParameter("x", Math.cos(lat) * Math.cos(lng)).setParameter("y", Math.cos(lat) * Math.sin(lng))
                .setParameter("z", Math.sin(lat))
                .setParameter("kinds", kinds.stream().map(Enum::name).toList())
                .setParameter("service", serviceType).setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Distance(((Number) r[0]).longValue(), ((Number) r[1]).doubleValue()))
                        .toList());
    }
}
