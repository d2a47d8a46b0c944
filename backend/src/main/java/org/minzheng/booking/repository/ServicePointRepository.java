package org.minzheng.booking.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ServicePoint;

@ApplicationScoped
public class ServicePointRepository implements PanacheRepository<ServicePoint> {

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
        String sql = "SELECT * FROM service_point" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
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
}
