package org.minzheng.identity.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.identity.Dependant;

@ApplicationScoped
public class DependantRepository implements PanacheRepository<Dependant> {

    public Uni<List<Dependant>> listOf(long residentId, boolean includeRevoked) {
        return includeRevoked
                ? list("residentId = ?1 ORDER BY id", residentId)
                : list("residentId = ?1 AND revokedAt IS NULL ORDER BY id", residentId);
    }

    /** Null unless the dependant exists and belongs to the resident: ids of others are not probeable. */
    public Uni<Dependant> findOwned(long residentId, long dependantId) {
        return find("id = ?1 AND residentId = ?2", dependantId, residentId).firstResult();
    }

    public Uni<Dependant> findActive(long residentId, byte[] idNumberIndex) {
        return find("residentId = ?1 AND idNumberIndex = ?2 AND revokedAt IS NULL", residentId, idNumberIndex).firstResult();
    }
}
