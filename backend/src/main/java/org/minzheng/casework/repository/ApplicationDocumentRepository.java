package org.minzheng.casework.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.casework.ApplicationDocument;

/** Documents' metadata; "current" ones are those not removed. */
@ApplicationScoped
public class ApplicationDocumentRepository implements PanacheRepository<ApplicationDocument> {

    public Uni<List<ApplicationDocument>> currentOf(long applicationId) {
        return list("applicationId = ?1 AND deletedAt IS NULL ORDER BY id", applicationId);
    }

    public Uni<ApplicationDocument> current(long applicationId, long id) {
        return find("id = ?1 AND applicationId = ?2 AND deletedAt IS NULL", id, applicationId).firstResult();
    }

    public Uni<Long> countCurrent(long applicationId) {
        return count("applicationId = ?1 AND deletedAt IS NULL", applicationId);
    }
}
