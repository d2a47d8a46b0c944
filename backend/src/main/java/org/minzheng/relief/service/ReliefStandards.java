package org.minzheng.relief.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.relief.ReliefStandard;

/** The standards per year: the one in force for a year is that year's, else the latest earlier one. */
@ApplicationScoped
public class ReliefStandards {

    public record Figures(BigDecimal minimumLivingCny, BigDecimal edgeMultiplier, BigDecimal tekunMultiplier,
            BigDecimal depositLimitMonths, BigDecimal vehicleValueLimitCny, String source) {
    }

    private final AuditLog audit;
    private final Clock clock;

    public ReliefStandards(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** In force for {@code year}; 404 NO_RELIEF_STANDARD when no year up to it has one. */
    public Uni<ReliefStandard> inForce(int year) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "FROM ReliefStandard WHERE year <= :year ORDER BY year DESC", ReliefStandard.class)
                .setParameter("year", year).setMaxResults(1).getSingleResultOrNull()))
                .onItem().ifNull().failWith(() -> new DomainException(404, "NO_RELIEF_STANDARD", Integer.toString(year)));
    }

    public Uni<List<ReliefStandard>> all() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "FROM ReliefStandard ORDER BY year DESC", ReliefStandard.class).getResultList()));
    }

    /** Sets a year's figures (new or replaced); audited. */
    public Uni<ReliefStandard> put(long adminId, int year, Figures f) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.find(ReliefStandard.class, year)
                .flatMap(existing -> {
                    ReliefStandard standard = existing == null ? new ReliefStandard() : existing;
                    standard.year = year;
                    standard.minimumLivingCny = f.minimumLivingCny();
                    standard.edgeMultiplier = f.edgeMultiplier();
                    standard.tekunMultiplier = f.tekunMultiplier();
                    standard.depositLimitMonths = f.depositLimitMonths();
                    standard.vehicleValueLimitCny = f.vehicleValueLimitCny();
                    standard.source = f.source().strip();
                    standard.updatedAt = clock.instant();
                    return (existing == null ? s.persist(standard) : Uni.createFrom().voidItem())
                            .call(s::flush)
                            .call(() -> audit.record(Actor.staff(adminId), "RELIEF_STANDARD_SET", "relief-standard:" + year, null))
                            .replaceWith(standard);
                })));
    }
}
