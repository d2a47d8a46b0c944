package org.minzheng.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.identity.StaffAccount;

@ApplicationScoped
public class StaffAccountRepository implements PanacheRepository<StaffAccount> {

    public Uni<StaffAccount> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    public Uni<Boolean> anyAdmin() {
        return activeAdminsOtherThan(0).map(count -> count > 0);
    }

    public Uni<Long> activeAdminsOtherThan(long accountId) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM staff_account WHERE 'ADMIN' = ANY (roles) AND NOT disabled AND id <> :id", Long.class)
                .setParameter("id", accountId)
                .getSingleResult());
    }
}
