package org.minzheng.casework.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.casework.Application;
import org.minzheng.casework.repository.ApplicationRepository;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.Principal;
import org.minzheng.identity.service.StaffAccounts;

/**
 * Staff work queues: the applications in their jurisdiction (never drafts), soonest due first, overdue
 * ones findable; claiming one locks it to its claimer for actions until an administrator reassigns it.
 */
@ApplicationScoped
public class WorkQueue {

    /** {@code assignee}: a staff id, {@code "me"}, {@code "none"}, or null for any. */
    public record Filter(String type, String status, Boolean overdue, String assignee) {
    }

    private final ApplicationRepository applications;
    private final Applications engine;
    private final StaffAccounts staffAccounts;
    private final AuditLog audit;
    private final ApplicationTypes types;
    private final Clock clock;

    public WorkQueue(ApplicationRepository applications, Applications engine, StaffAccounts staffAccounts, AuditLog audit,
            ApplicationTypes types, Clock clock) {
        this.applications = applications;
        this.engine = engine;
        this.staffAccounts = staffAccounts;
        this.audit = audit;
        this.types = types;
        this.clock = clock;
    }

    /** A page in (due date, id) order after {@code after}, with the cursor of the next one (null at the end). */
    public record QueuePage(List<Applications.View> items, String nextCursor) {
    }

    /** Submitted applications not yet decided, by type and state, and how many of them are past their time. */
    public record Pending(String type, String status, long count, long overdue) {
    }

    public Uni<List<Pending>> pending() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT type, status, count(*), count(*) FILTER (WHERE due_at < :now) FROM application
                WHERE submitted_at IS NOT NULL GROUP BY type, status ORDER BY type, status""", Object[].class)
                .setParameter("now", clock.instant()).getResultList()))
                .map(rows -> rows.stream()
                        .filter(r -> !types.of((String) r[0]).workflow().isFinal((String) r[1]))
                        .map(r -> new Pending((String) r[0], (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue()))
                        .toList());
    }

    public Uni<QueuePage> page(Principal staff, Filter filter, QueueCursor after, int limit) {
        List<String> where = new ArrayList<>(List.of("a.submitted_at IS NOT NULL"));
        boolean district = staff.roles().contains(Jurisdiction.APPROVER) || Jurisdiction.isAdmin(staff);
        if (!district) {
            where.add("a.street_code IN (:streets)");
        }
        if (filter.type() != null) {
            where.add("a.type = :type");
        }
        if (filter.status() != null) {
            where.add("a.status = :status");
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.add("a.due_at < :now");
        } else if (Boolean.FALSE.equals(filter.overdue())) {
            where.add("(a.due_at IS NULL OR a.due_at >= :now)");
        }
        Long assignee = assignee(staff, filter.assignee());
        if ("none".equals(filter.assignee())) {
            where.add("a.assignee_id IS NULL");
        } else if (assignee != null) {
            where.add("a.assignee_id = :assignee");
        }
        if (after != null) {
            where.add(after.dueAt() == null ? "(a.due_at IS NULL AND a.id > :afterId)"
                    : "(a.due_at IS NULL OR a.due_at > :afterDue OR (a.due_at = :afterDue AND a.id > :afterId))");
        }
        String sql = "SELECT a.* FROM application a WHERE " + String.join(" AND ", where)
                + " ORDER BY coalesce(a.due_at, 'infinity'::timestamptz), a.id LIMIT :limit";
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql, Application.class).setParameter("limit", limit + 1);
            if (!district) {
                query.setParameter("streets", staff.streetCodes().isEmpty() ? List.of("") : staff.streetCodes());
            }
            if (filter.type() != null) {
                query.setParameter("type", filter.type());
            }
            if (filter.status() != null) {
                query.setParameter("status", filter.status());
            }
            if (filter.overdue() != null) {
                query.setParameter("now", clock.instant());
            }
            if (assignee != null && !"none".equals(filter.assignee())) {
                query.setParameter("assignee", assignee);
            }
            if (after != null) {
                query.setParameter("afterId", after.id());
                if (after.dueAt() != null) {
                    query.setParameter("afterDue", after.dueAt());
                }
            }
            return query.getResultList();
        })).map(rows -> {
            List<Application> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            Application last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new QueuePage(page.stream().map(app -> engine.summary(app, staff)).toList(),
                    rows.size() > limit ? QueueCursor.after(last.dueAt, last.id).encode() : null);
        });
    }

    /** One application with its form, for staff who may see it; the read is audited (the form is personal). */
    public Uni<Applications.View> one(Principal staff, long id) {
        return Panache.withTransaction(() -> applications.findById(id).map(app -> engine.visible(staff, app))
                .call(app -> audit.record(Actor.staff(staff.id()), "APPLICATION_READ", "application:" + id, null)))
                .map(app -> engine.view(app, staff));
    }

    /**
     * One field of the form unmasked ({@code members[1].idNumber}), for staff who see the application, with the
     * purpose they state: recorded in the audit log in the same transaction (no record, no answer).
     */
    public Uni<String> reveal(Principal staff, long id, String path, String purpose) {
        return Panache.withTransaction(() -> applications.findById(id).map(app -> engine.visible(staff, app))
                .map(app -> FormPath.valueAt(engine.form(app), path))
                .call(value -> audit.record(Actor.staff(staff.id()), "REVEAL_APPLICATION_FIELD", "application:" + id,
                        purpose.strip() + " [" + path + "]")));
    }

    /**
     * Takes the case, for staff who can act on it where it is; claiming one's own claim again is a no-op,
     * someone else's is 409.
     */
    public Uni<Applications.View> claim(Principal staff, long id) {
        return Panache.withTransaction(() -> applications.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(app -> engine.visible(staff, app))
                .flatMap(app -> {
                    if (!engine.canAct(staff, app)) {
                        throw new DomainException(403, "FORBIDDEN_ACTION", "claim");
                    }
                    if (app.assigneeId != null && app.assigneeId != staff.id()) {
                        throw new DomainException(409, "CLAIMED_BY_OTHER");
                    }
                    if (app.assigneeId != null) {
                        return Uni.createFrom().item(app);
                    }
                    app.assigneeId = staff.id();
                    app.updatedAt = clock.instant();
                    return applications.flush()
                            .call(() -> audit.record(Actor.staff(staff.id()), "APPLICATION_CLAIMED", "application:" + id, null))
                            .replaceWith(app);
                })).map(app -> engine.summary(app, staff));
    }

    /**
     * An administrator hands the case to an active staff member who can act on it where it is (or releases
     * it: null).
     */
    public Uni<Applications.View> assign(Principal admin, long id, Long staffId) {
        Uni<Principal> target = staffId == null ? Uni.createFrom().nullItem()
                : staffAccounts.get(staffId).map(account -> {
                    if (account.disabled) {
                        throw new DomainException(409, "ASSIGNEE_CANNOT_ACT");
                    }
                    return new Principal(Principal.Kind.STAFF, account.id, java.util.Set.of(account.roles),
                            List.of(account.servicePointIds), List.of(account.streetCodes));
                });
        return target.flatMap(assignee -> Panache.withTransaction(() -> applications.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(app -> engine.visible(admin, app))
                .flatMap(app -> {
                    if (assignee != null && !engine.canAct(assignee, app)) {
                        throw new DomainException(409, "ASSIGNEE_CANNOT_ACT");
                    }
                    app.assigneeId = staffId;
                    app.updatedAt = clock.instant();
                    return applications.flush()
                            .call(() -> audit.record(Actor.staff(admin.id()), "APPLICATION_ASSIGNED", "application:" + id, null))
                            .replaceWith(app);
                })))
                .map(app -> engine.summary(app, admin));
    }

    private static Long assignee(Principal staff, String given) {
        if (given == null || "none".equals(given)) {
            return null;
        }
        if ("me".equals(given)) {
            return staff.id();
        }
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw new DomainException(400, "INVALID_ASSIGNEE");
        }
    }
}
