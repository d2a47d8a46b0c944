package org.minzheng.memorial.service;

import java.time.Clock;
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
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.config.BookingConfig;
import org.minzheng.booking.service.ScheduleExceptions;
import org.minzheng.booking.service.SlotPlan;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.memorial.TombSweepingPolicy;

/**
 * A cemetery's peak days (清明, 重阳): the days an administrator declared for a season, each a special
 * opening of every gate with its windows, people and parking capacity and its release moment. They live
 * as the booking engine's schedule exceptions, so a peak day is simply a day with a special opening at a
 * gate of the cemetery.
 */
@ApplicationScoped
public class PeakDays {

    /** The longest season one declaration may cover. */
    static final int MAX_DAYS = 31;

    /** A season's days and the windows each gate opens on them; slots open releaseDaysBefore at releaseTime. */
    public record Season(String name, LocalDate from, LocalDate to, LocalTime startsAt, LocalTime endsAt, int slotMinutes,
            int capacity, Integer parkingCapacity, int releaseDaysBefore, LocalTime releaseTime) {
    }

    /** One declared day as it will open. */
    public record PeakDay(LocalDate day, java.time.Instant releaseAt, int gates) {
    }

    private final ScheduleExceptions exceptions;
    private final Cemeteries cemeteries;
    private final BookingConfig booking;
    private final Clock clock;

    public PeakDays(ScheduleExceptions exceptions, Cemeteries cemeteries, BookingConfig booking, Clock clock) {
        this.exceptions = exceptions;
        this.cemeteries = cemeteries;
        this.booking = booking;
        this.clock = clock;
    }

    public Uni<Boolean> isPeak(long cemeteryId, LocalDate day) {
        return exceptions.specialDaysOfSite(cemeteryId, TombSweepingPolicy.TYPE, day, day).map(days -> !days.isEmpty());
    }

    /** The first peak day after {@code day}, or null. */
    public Uni<LocalDate> nextAfter(long cemeteryId, LocalDate day) {
        return exceptions.specialDaysOfSite(cemeteryId, TombSweepingPolicy.TYPE, day.plusDays(1), day.plusYears(1))
                .map(days -> days.isEmpty() ? null : days.get(0));
    }

    public Uni<List<LocalDate>> between(long cemeteryId, LocalDate from, LocalDate to) {
        return exceptions.specialDaysOfSite(cemeteryId, TombSweepingPolicy.TYPE, from, to);
    }

    /**
     * Declares a season for every active gate of the cemetery, all or nothing: a gate that already has a
     * special opening on one of the days fails the whole declaration (409 SCHEDULE_EXCEPTION_EXISTS).
     */
    public Uni<List<PeakDay>> declare(long adminId, long cemeteryId, Season season) {
        validate(season);
        return cemeteries.cemetery(cemeteryId).flatMap(cemetery -> cemeteries.gates(cemeteryId))
                .flatMap(gates -> {
                    if (gates.isEmpty()) {
                        throw new DomainException(409, "CEMETERY_HAS_NO_GATES");
                    }
                    List<PeakDay> days = new ArrayList<>();
                    return Panache.withTransaction(() -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (LocalDate day = season.from(); !day.isAfter(season.to()); day = day.plusDays(1)) {
                            var releaseAt = SlotPlan.releaseAt(day, season.releaseDaysBefore(), season.releaseTime())
                                    .truncatedTo(ChronoUnit.SECONDS);
                            days.add(new PeakDay(day, releaseAt, gates.size()));
                            for (ServicePoint gate : gates) {
                                LocalDate d = day;
                                chain = chain.flatMap(ignored -> exceptions.create(adminId, gate.id,
                                        new ScheduleExceptions.Spec(TombSweepingPolicy.TYPE, d,
                                                ScheduleException.Kind.SPECIAL_OPENING, season.startsAt(), season.endsAt(),
                                                season.slotMinutes(), season.capacity(), season.parkingCapacity(), releaseAt,
                                                season.name())).replaceWithVoid());
                            }
                        }
                        return chain;
                    }).replaceWith(days);
                });
    }

    private void validate(Season season) {
        List<FieldError> errors = new ArrayList<>();
        if (season.to().isBefore(season.from()) || season.from().plusDays(MAX_DAYS - 1).isBefore(season.to())) {
            errors.add(new FieldError("to", "INVALID_DATE_RANGE", null));
        }
        if (season.from().isBefore(LocalDate.now(clock))) {
            errors.add(new FieldError("from", "DAY_IN_PAST", null));
        }
        // slots exist only within the booking horizon: a release announced earlier could not be kept
        if (season.releaseDaysBefore() > booking.horizonDays(TombSweepingPolicy.TYPE)) {
            errors.add(new FieldError("releaseDaysBefore", "RELEASE_BEYOND_HORIZON", null));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "VALIDATION_FAILED", errors, Map.of());
        }
    }

}
