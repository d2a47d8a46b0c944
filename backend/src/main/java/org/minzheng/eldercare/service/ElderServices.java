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
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT code, name, CAST(tiers AS text) FROM eldercare_service WHERE code = :code", Object[].class)
                .setParameter("code", code).getSingleResultOrNull()))
                .map(r -> {
                    if (r == null) {
                        throw new DomainException(404, "ELDER_SERVICE_NOT_FOUND");
                    }
                    return new ElderService((String) r[0], (String) r[1], tiers((String) r[2]));
                });
    }

    /** Replaces a service's name and tiers (new ones too); audited. The rules must mean something: see {@link #check}. */
    public Uni<ElderService> put(long adminId, String code, String name, List<ElderService.Tier> tiers) {
        check(tiers);
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

    /**
     * Tier codes distinct; every tier some alternative, every alternative some condition (an empty one would
     * give the tier to everyone), ages in order, no empty list (it would match no one, silently).
     */
    static void check(List<ElderService.Tier> tiers) {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            ElderService.Tier tier = tiers.get(i);
            if (!codes.add(tier.code())) {
                throw invalid("tiers[" + i + "].code", "DUPLICATE");
            }
            if (tier.alternatives().isEmpty()) {
                throw invalid("tiers[" + i + "].alternatives", "REQUIRED");
            }
            for (int j = 0; j < tier.alternatives().size(); j++) {
                ElderService.Condition c = tier.alternatives().get(j);
                String at = "tiers[" + i + "].alternatives[" + j + "]";
                if (c.minAge() == null && c.maxAge() == null && c.hukou() == null && c.relief() == null && c.disability() == null
                        && c.groups() == null) {
                    throw invalid(at, "REQUIRED");
                }
                if (c.minAge() != null && c.maxAge() != null && c.minAge() > c.maxAge()) {
                    throw invalid(at + ".maxAge", "OUT_OF_RANGE");
                }
                if (c.relief() != null && c.relief().isEmpty() || c.disability() != null && c.disability().isEmpty()
                        || c.groups() != null && c.groups().isEmpty()) {
                    throw invalid(at, "EMPTY_LIST");
                }
            }
        }
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

    private static DomainException invalid(String field, String code) {
        return new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError(field, code, null)), Map.of());
    }
}
