package org.minzheng.common.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import org.jboss.logging.MDC;
import org.minzheng.common.web.RequestIdFilter;

/**
 * Appends to the audit log inside the caller's transaction, so a change and its audit row commit or
 * fail together; and lets administrators read it.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEntry> {

    public record Filter(AuditEntry.ActorKind actorKind, String actorId, String action, String subject,
            Instant from, Instant to) {
    }

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> record(Actor actor, String action, String subject, String purpose) {
        AuditEntry entry = new AuditEntry();
        entry.at = clock.instant();
        entry.actorKind = actor.kind();
        entry.actorId = actor.id();
        entry.action = action;
        entry.subject = subject;
        entry.purpose = purpose;
        Object requestId = MDC.get(RequestIdFilter.MDC_KEY);
        entry.requestId = requestId == null ? null : requestId.toString();
        return persist(entry).replaceWithVoid();
    }

    /** Newest first, {@code limit} rows with ids below {@code before} (the cursor). */
    @WithSession
    public Uni<List<AuditEntry>> search(Filter filter, Long before, int limit) {
        List<String> where = new ArrayList<>();
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (before != null) {
            where.add("id < :before");
            params.and("before", before);
        }
        if (filter.actorKind() != null) {
            where.add("actorKind = :actorKind");
            params.and("actorKind", filter.actorKind());
        }
        if (filter.actorId() != null) {
            where.add("actorId = :actorId");
            params.and("actorId", filter.actorId());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            params.and("action", filter.action());
        }
        if (filter.subject() != null) {
            where.add("subject = :subject");
            params.and("subject", filter.subject());
        }
        if (filter.from() != null) {
            where.add("at >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("at < :to");
            params.and("to", filter.to());
        }
        String query = (where.isEmpty() ? "" : String.join(" AND ", where)) + " ORDER BY id DESC";
        return find(query, params).page(0, limit).list();
    }
}
