package org.minzheng.memorial.repository;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import org.minzheng.memorial.ProxySweep;

@ApplicationScoped
public class ProxySweepRepository implements PanacheRepository<ProxySweep> {

    /**
     * Inserts a new request unless the resident already holds a live one for that cemetery and day (the
     * partial unique index decides, waiting for a parallel insert to commit or roll back): its id, or null.
     */
    public Uni<Long> insertIfNone(ProxySweep s) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO proxy_sweep (resident_id, cemetery_id, day, status, resident_name_enc, grave_location_enc,
                                         message_enc, created_at, updated_at)
                VALUES (:resident, :cemetery, :day, :status, :name, :grave, :message, :now, :now)
                ON CONFLICT (resident_id, cemetery_id, day) WHERE status <> 'CANCELLED' DO NOTHING
                RETURNING id""", Long.class)
                .setParameter("resident", s.residentId).setParameter("cemetery", s.cemeteryId).setParameter("day", s.day)
                .setParameter("status", s.status.name()).setParameter("name", s.residentNameEnc)
                .setParameter("grave", s.graveLocationEnc).setParameter("message", s.messageEnc)
                .setParameter("now", s.createdAt)
                .getResultList())
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** A resident's requests, newest first, with ids below {@code before} (the cursor) when given. */
    public Uni<List<ProxySweep>> ofResident(long residentId, Long before, int limit) {
        return before == null
                ? find("residentId = ?1 ORDER BY id DESC", residentId).range(0, limit - 1).list()
                : find("residentId = ?1 AND id < ?2 ORDER BY id DESC", residentId, before).range(0, limit - 1).list();
    }

    /** A cemetery's requests of a day in the order they came, optionally of one status. */
    public Uni<List<ProxySweep>> ofCemeteryAndDay(long cemeteryId, LocalDate day, ProxySweep.Status status) {
        Parameters params = Parameters.with("cemetery", cemeteryId).and("day", day);
        String query = "cemeteryId = :cemetery AND day = :day";
        if (status != null) {
            query += " AND status = :status";
            params.and("status", status);
        }
        return find(query + " ORDER BY id", params).list();
    }
}
