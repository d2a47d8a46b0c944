package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Schedule;
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.repository.ScheduleRepository;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Weekly opening windows of a point. A change takes effect at once: the affected slots are re-materialised
 * in the same transaction. Schedules are never deleted (slots keep pointing at them); end one with
 * {@code validTo}.
 */
@ApplicationScoped
public class Schedules {

    /** What an administrator sets. */
    public record Spec(String serviceType, boolean workdaysOnly, List<Integer> weekdays, LocalTime startsAt,
            LocalTime endsAt, int slotMinutes, int capacity, Integer parkingCapacity, Integer releaseDaysBefore,
            LocalTime releaseTime,
            LocalDate validFrom, LocalDate validTo) {
    }

    private final ScheduleRepository schedules;
    private final ServicePoints points;
    private final SlotMaterialiser materialiser;
    private final AuditLog audit;
    private final Clock clock;

    public Schedules(ScheduleRepository schedules, ServicePoints points, SlotMaterialiser materialiser, AuditLog audit,
            Clock clock) {
        this.schedules = schedules;
        this.points = points;
        this.materialiser = materialiser;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Schedule> create(long adminId, long pointId, Spec spec) {
        validate(spec);
        return Panache.withTransaction(() -> offering(pointId, spec.serviceType())
                .chain(() -> noOverlap(pointId, null, spec))
                .chain(() -> {
                    Schedule s = new Schedule();
                    s.servicePointId = pointId;
                    apply(s, spec);
                    s.createdAt = clock.instant();
                    s.updatedAt = s.createdAt;
                    return schedules.persistAndFlush(s);
                })
                .call(s -> audit.record(Actor.staff(adminId), "SCHEDULE_CREATED", subject(s), null))
                .call(s -> materialiser.materialise(pointId, List.of(s.serviceType))));
    }

    /** Replaces the schedule; with {@code expectedVersion}, one changed meanwhile is 409 {@code STALE_VERSION}. */
    public Uni<Schedule> update(long adminId, long pointId, long scheduleId, Spec spec, Integer expectedVersion) {
        validate(spec);
        return Panache.withTransaction(() -> offering(pointId, spec.serviceType())
                .chain(() -> find(pointId, scheduleId))
                .call(s -> {
                    if (expectedVersion != null && expectedVersion != s.version) {
                        throw new DomainException(409, "STALE_VERSION");
                    }
                    return noOverlap(pointId, scheduleId, spec);
                })
                .flatMap(s -> {
                    TreeSet<String> affected = new TreeSet<>(List.of(s.serviceType, spec.serviceType()));
                    apply(s, spec);
                    s.updatedAt = clock.instant();
                    return schedules.flush()
                            .chain(() -> audit.record(Actor.staff(adminId), "SCHEDULE_UPDATED", subject(s), null))
                            .chain(() -> materialiser.materialise(pointId, affected))
                            .replaceWith(s);
                }))
                .onFailure(DatabaseErrors::staleVersion).transform(f -> new DomainException(409, "STALE_VERSION"));
    }

    public Uni<Schedule> get(long pointId, long scheduleId) {
        return Panache.withSession(() -> points.find(pointId).chain(() -> find(pointId, scheduleId)));
    }

    public Uni<List<Schedule>> page(long pointId, Long afterId, int limitPlusOne) {
        return Panache.withSession(() -> points.find(pointId).chain(() -> schedules.page(pointId, afterId, limitPlusOne)));
    }

    private Uni<Schedule> find(long pointId, long scheduleId) {
        return schedules.findOf(pointId, scheduleId).onItem().ifNull()
                .failWith(() -> new DomainException(404, "SCHEDULE_NOT_FOUND"));
    }

    /** 404 for no such point, 409 {@code SERVICE_TYPE_NOT_OFFERED} when the point does not offer the type. */
    Uni<ServicePoint> offering(long pointId, String serviceType) {
        return points.find(pointId).invoke(point -> {
            if (!point.offers(serviceType)) {
                throw new DomainException(409, "SERVICE_TYPE_NOT_OFFERED", serviceType);
            }
        });
    }

    /**
     * Two windows of one type at one point may not overlap on a day both could open, or the slots they cut
     * would overlap: 409 {@code SCHEDULE_OVERLAP}. Workdays include make-up weekends, so a workdays-only
     * schedule may meet any other.
     */
    private Uni<Void> noOverlap(long pointId, Long self, Spec spec) {
        return schedules.of(pointId, spec.serviceType()).invoke(others -> {
            for (Schedule o : others) {
                if (o.id.equals(self)) {
                    continue;
                }
                boolean periods = !spec.validFrom().isAfter(o.validTo == null ? LocalDate.MAX : o.validTo)
                        && !o.validFrom.isAfter(spec.validTo() == null ? LocalDate.MAX : spec.validTo());
                boolean days = spec.workdaysOnly() || o.workdaysOnly
                        || !Collections.disjoint(spec.weekdays(), List.of(o.weekdays));
                boolean hours = spec.startsAt().isBefore(o.endsAt) && o.startsAt.isBefore(spec.endsAt());
                if (periods && days && hours) {
                    throw new DomainException(409, "SCHEDULE_OVERLAP", Long.toString(o.id));
                }
            }
        }).replaceWithVoid();
    }

    /** Rules across fields (single fields are checked by Bean Validation in the resource). */
    static void validate(Spec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (!spec.endsAt().isAfter(spec.startsAt())) {
            errors.add(new FieldError("endsAt", "NOT_AFTER_START", null));
        } else if (Duration.between(spec.startsAt(), spec.endsAt()).toMinutes() < spec.slotMinutes()) {
            errors.add(new FieldError("slotMinutes", "LONGER_THAN_WINDOW", null));
        }
        if (spec.workdaysOnly() && !spec.weekdays().isEmpty()) {
            errors.add(new FieldError("weekdays", "WEEKDAYS_WITH_WORKDAYS_ONLY", null));
        }
        if (!spec.workdaysOnly() && spec.weekdays().isEmpty()) {
            errors.add(new FieldError("weekdays", "WEEKDAYS_REQUIRED", null));
        }
        if ((spec.releaseDaysBefore() == null) != (spec.releaseTime() == null)) {
            errors.add(new FieldError(spec.releaseTime() == null ? "releaseTime" : "releaseDaysBefore",
                    "RELEASE_INCOMPLETE", null));
        }
        if (spec.validTo() != null && spec.validTo().isBefore(spec.validFrom())) {
            errors.add(new FieldError("validTo", "BEFORE_VALID_FROM", null));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "VALIDATION_FAILED", errors, Map.of());
        }
    }

    private static void apply(Schedule s, Spec spec) {
        s.serviceType = spec.serviceType();
        s.workdaysOnly = spec.workdaysOnly();
        s.weekdays = new TreeSet<>(spec.weekdays()).toArray(Integer[]::new);
        s.startsAt = spec.startsAt();
        s.endsAt = spec.endsAt();
        s.slotMinutes = spec.slotMinutes();
        s.capacity = spec.capacity();
        s.parkingCapacity = spec.parkingCapacity();
        s.releaseDaysBefore = spec.releaseDaysBefore();
        s.releaseTime = spec.releaseTime();
        s.validFrom = spec.validFrom();
        s.validTo = spec.validTo();
    }

    static String subject(Schedule s) {
        return "schedule:" + s.id;
    }
}
