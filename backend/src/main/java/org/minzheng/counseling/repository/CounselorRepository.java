package org.minzheng.counseling.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.counseling.Counselor;

@ApplicationScoped
public class CounselorRepository implements PanacheRepository<Counselor> {

    public Uni<Counselor> byStaff(long staffId) {
        return find("staffId", staffId).firstResult();
    }

    public Uni<Counselor> byServicePoint(long servicePointId) {
        return find("servicePointId", servicePointId).firstResult();
    }
}
