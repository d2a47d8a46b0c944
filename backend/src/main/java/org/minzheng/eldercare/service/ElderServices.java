package org.minzheng.eldercare.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.eldercare.ElderService;

/** The elderly services and their rules, as the bureau keeps them; administrators change the rules. */
@ApplicationScoped
public class ElderServices {

    private final ObjectMapper json;
    private final AuditLog audit;
    private final java.time.Clock clock;

    public ElderServices(ObjectMapper json, AuditLog audit, java.time.Clock clock) {
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<List<ElderService>> all() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT code, name, CAST(tiers AS text) FROM eldercare_service ORDER BY code", Object[].class).getResultList()))
                .map(rows -> rows.stream().map(r -> new ElderService((String) r[0], (String) r[1], tiers((String) r[2]))).toList());
    }

    public Uni<ElderService> get(String code) {
        return all().map(services -> services.stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new DomainException(404, "ELDER_SERVICE_NOT_FOUND")));
    }

    /** Replaces a service's name and tiers (new ones too); audited. Every tier needs an alternative, every alternative a condition. */
    public Uni<ElderService> put(long adminId, String code, String name, List<ElderService.Tier> tiers) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).alternatives().isEmpty()) {
                throw invalid("tiers[" + i + "].alternatives");
            }
        }
        String text = write(tiers);
        // through text: a parameter cast straight to jsonb is bound as jsonb, and the JSON text stored as one string
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO eldercare_service (code, name, tiers, source, updated_at)
                VALUES (:code, :name, CAST(CAST(:tiers AS text) AS jsonb), 'administrator', :now)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, tiers = excluded.tiers, source = excluded.source,
                    updated_at = excluded.updated_at""")
                .setParameter("code", code).setParameter("name", name.strip()).setParameter("tiers", text)
                .setParameter("now", clock.instant()).executeUpdate())
                .call(() -> audit.record(Actor.staff(adminId), "ELDER_SERVICE_SET", "eldercare-service:" + code, null)))
                .replaceWith(new ElderService(code, name.strip(), tiers));
    }

    private List<ElderService.Tier> tiers(String text) {
        try {
            return List.of(json.readValue(text, ElderService.Tier[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable eldercare rules", e);
        }
    }

    private String write(List<ElderService.Tier> tiers) {
        try {
            return json.writeValueAsString(tiers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException invalid(String field) {
        return new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError(field, "REQUIRED", null)), Map.of());
    }
}
