package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.ScheduleException;
import org.minzheng.booking.repository.ScheduleExceptionRepository;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Dated departures from the weekly schedule (closures, special openings, capacity changes). Adding or
 * removing one re-materialises that day's slots in the same transaction.
 */
@ApplicationScoped
public class ScheduleExceptions {

    public record Spec(String serviceType, LocalDate day, ScheduleException.Kind kind, LocalTime startsAt,
            LocalTime endsAt, Integer slotMinutes, Integer capacity, Integer parkingCapacity, Instant releaseAt,
            String reason) {
    }

    public record Filter(String serviceType, LocalDate from, LocalDate to) {
    }

    private final ScheduleExceptionRepository exceptions;
    private final ServicePoints points;
    private final Schedules schedules;
    private final SlotMaterialiser materialiser;
    private final AuditLog audit;
    private final Clock clock;

    public ScheduleExceptions(ScheduleExceptionRepository exceptions, ServicePoints points, Schedules schedules,
            SlotMaterialiser materialiser, AuditLog audit, Clock clock) {
        this.exceptions = exceptions;
        this.points = points;
        this.schedules = schedules;
        this.materialiser = materialiser;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<ScheduleException> create(long adminId, long pointId, Spec spec) {
        validate(spec, materialiser.today());
        return Panache.withTransaction(() -> schedules.offering(pointId, spec.serviceType())
                .chain(() -> {
                    ScheduleException e = new ScheduleException();
                    e.servicePointId = pointId;
                    e.serviceType = spec.serviceType();
                    e.day = spec.day();
                    e.kind = spec.kind();
                    e.startsAt = spec.startsAt();
                    e.endsAt = spec.endsAt();
                    e.slotMinutes = spec.slotMinutes();
                    e.capacity = spec.capacity();
                    e.parkingCapacity = spec.parkingCapacity();
                    // whole seconds, so that the slot's copy compares equal after a round trip through PostgreSQL
                    e.releaseAt = spec.releaseAt() == null ? null : spec.releaseAt().truncatedTo(ChronoUnit.SECONDS);
                    e.reason = spec.reason().strip();
                    e.createdAt = clock.instant();
                    return exceptions.persistAndFlush(e);
                })
                .call(e -> audit.record(Actor.staff(adminId), "SCHEDULE_EXCEPTION_CREATED", subject(e), null))
                .call(e -> materialiser.materialise(pointId, List.of(e.serviceType), e.day, e.day)))
                .onFailure(DatabaseErrors::uniqueViolation)
                .transform(f -> new DomainException(409, "SCHEDULE_EXCEPTION_EXISTS"));
    }

    /** Removes it and re-materialises its day: the weekly schedule applies again. */
    public Uni<Void> delete(long adminId, long pointId, long exceptionId) {
        return Panache.withTransaction(() -> points.find(pointId).chain(() -> find(pointId, exceptionId))
                .call(e -> exceptions.delete(e).chain(exceptions::flush))
                .call(e -> audit.record(Actor.staff(adminId), "SCHEDULE_EXCEPTION_DELETED", subject(e), null))
                .call(e -> materialiser.materialise(pointId, List.of(e.serviceType), e.day, e.day)))
                .replaceWithVoid();
    }

    /** Days with a special opening of the type at any point of the site (a cemetery's peak days). */
    public Uni<List<LocalDate>> specialDaysOfSite(long siteId, String serviceType, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> exceptions.specialDaysOfSite(siteId, serviceType, from, to));
    }

    /** Whether exactly this window (or the whole day, both null) of the point has its closure already. */
    public Uni<Boolean> closed(long pointId, String serviceType, LocalDate day, LocalTime startsAt, LocalTime endsAt) {
        return Panache.withSession(() -> exceptions.closure(pointId, serviceType, day, startsAt, endsAt)).map(e -> e != null);
    }

    public Uni<ScheduleException> get(long pointId, long exceptionId) {
        return Panache.withSession(() -> points.find(pointId).chain(() -> find(pointId, exceptionId)));
    }

    public Uni<List<ScheduleException>> page(long pointId, Filter filter, Long afterId, int limitPlusOne) {
        return Panache.withSession(() -> points.find(pointId).chain(() -> exceptions.page(pointId, filter.serviceType(),
                filter.from(), filter.to(), afterId, limitPlusOne)));
    }

    private Uni<ScheduleException> find(long pointId, long exceptionId) {
        return exceptions.findOf(pointId, exceptionId).onItem().ifNull()
                .failWith(() -> new DomainException(404, "SCHEDULE_EXCEPTION_NOT_FOUND"));
    }

    /** What each kind needs and allows; past days cannot change any more. */
    static void validate(Spec spec, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.day().isBefore(today)) {
            errors.add(new FieldError("day", "DAY_IN_PAST", null));
        }
        boolean special = spec.kind() == ScheduleException.Kind.SPECIAL_OPENING;
        boolean capacity = spec.kind() == ScheduleException.Kind.CAPACITY;
        boolean closed = spec.kind() == ScheduleException.Kind.CLOSED;
        // a closure's window is optional, but whole: both ends or none
        Boolean window = Boolean.FALSE;
        if (special || closed && (spec.startsAt() != null || spec.endsAt() != null)) {
            window = Boolean.TRUE;
        } else if (closed) {
            window = null;
        }
        need(errors, "startsAt", spec.startsAt(), window);
        need(errors, "endsAt", spec.endsAt(), window);
        need(errors, "slotMinutes", spec.slotMinutes(), special);
        need(errors, "releaseAt", spec.releaseAt(), special ? null : false);
        need(errors, "capacity", spec.capacity(), special || capacity);
        need(errors, "parkingCapacity", spec.parkingCapacity(), special || capacity ? null : false);
        if (spec.startsAt() != null && spec.endsAt() != null && !spec.endsAt().isAfter(spec.startsAt())) {
            errors.add(new FieldError("endsAt", "NOT_AFTER_START", null));
        } else if (special && spec.startsAt() != null && spec.endsAt() != null && spec.slotMinutes() != null
                && Duration.between(spec.startsAt(), spec.endsAt()).toMinutes() < spec.slotMinutes()) {
            errors.add(new FieldError("slotMinutes", "LONGER_THAN_WINDOW", null));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "VALIDATION_FAILED", errors, Map.of());
        }
    }

    /** {@code required}: true = must be set, false = must not be, null = optional. */
    private static void need(List<FieldError> errors, String field, Object value, Boolean required) {
        if (Boolean.TRUE.equals(required) && value == null) {
            errors.add(new FieldError(field, "REQUIRED_FOR_KIND", null));
        } else if (Boolean.FALSE.equals(required) && value != null) {
            errors.add(new FieldError(field, "NOT_FOR_KIND", null));
        }
    }

    static String subject(ScheduleException e) {
        return "schedule-exception:" + e.id;
    }
}
