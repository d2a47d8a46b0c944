package org.minzheng.identity.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import org.minzheng.identity.Resident;

@ApplicationScoped
public class ResidentRepository implements PanacheRepository<Resident> {

    /**
     * Creates the resident on first login or updates the login time; one statement, so two first logins
     * of the same WeChat user at once still make one row.
     */
    public Uni<Long> upsertByOpenid(String openid, String unionid, Instant now) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO resident (openid, unionid, created_at, last_login_at)
                VALUES (:openid, :unionid, :now, :now)
                ON CONFLICT (openid) DO UPDATE
                    SET unionid = COALESCE(EXCLUDED.unionid, resident.unionid), last_login_at = EXCLUDED.last_login_at
                RETURNING id""", Long.class)
                .setParameter("openid", openid)
                .setParameter("unionid", unionid)
                .setParameter("now", now)
                .getSingleResult());
    }

    public Uni<Resident> findByIdNumberIndex(byte[] index) {
        return find("idNumberIndex", index).firstResult();
    }
}
