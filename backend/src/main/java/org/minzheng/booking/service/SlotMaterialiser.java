package org.minzheng.booking.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Schedule;
import org.minzheng.booking.ScheduleException;
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.config.BookingConfig;
import org.minzheng.booking.repository.ScheduleExceptionRepository;
import org.minzheng.booking.repository.ScheduleRepository;
import org.minzheng.booking.repository.ServicePointRepository;
import org.minzheng.booking.repository.SlotRepository;
import org.minzheng.common.time.ClockProducer;

/**
 * Keeps the slot table equal to what schedules, exceptions and the work calendar say, for every active
 * point and service type, from today (Asia/Shanghai) through the booking horizon. Past days are never
 * touched.
 *
 * <p>Reconciling one point and type happens in one transaction holding a PostgreSQL advisory lock on that
 * pair, after which it reads the schedules, exceptions, calendar and current slots; so whichever replica
 * runs, and in whatever order, the result is the same, and a second run changes nothing. Within it:
 * <ul>
 * <li>a wanted slot is inserted, or the one at the same start updated (end, capacity, release, reopened);
 * <li>a capacity below {@code booked} becomes {@code booked}: never below what is already booked;
 * <li>a slot no longer wanted is deleted when nobody booked it, otherwise closed (kept for its bookings);
 * <li>{@code booked} is never written.
 * </ul>
 * {@code closed} belongs to the materialiser: to close a day use a {@code CLOSED} exception, not an update of
 * the slot, or the next run reopens it.
 */
@ApplicationScoped
public class SlotMaterialiser {

    /** What a run did. {@code busy}: pairs skipped because another replica was reconciling them. */
    public record Outcome(int inserted, int updated, int deleted, int closed, int busy, int failed) {

        public static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0, 0);

        public Outcome plus(Outcome o) {
            return new Outcome(inserted + o.inserted, updated + o.updated, deleted + o.deleted, closed + o.closed,
                    busy + o.busy, failed + o.failed);
        }

        public boolean changedAnything() {
            return inserted + updated + deleted + closed > 0;
        }
    }

    private final SlotRepository slots;
    private final ServicePointRepository points;
    private final ScheduleRepository schedules;
    private final ScheduleExceptionRepository exceptions;
    private final WorkCalendar calendar;
    private final BookingConfig config;
    private final Clock clock;

    public SlotMaterialiser(SlotRepository slots, ServicePointRepository points, ScheduleRepository schedules,
            ScheduleExceptionRepository exceptions, WorkCalendar calendar, BookingConfig config, Clock clock) {
        this.slots = slots;
        this.points = points;
        this.schedules = schedules;
        this.exceptions = exceptions;
        this.calendar = calendar;
        this.config = config;
        this.clock = clock;
    }

    /** Today in Asia/Shanghai, from the application clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ClockProducer.ZONE);
    }

    /** The last day that has slots of this service type: today + its horizon. */
    public LocalDate horizonEnd(String serviceType) {
        return today().plusDays(config.horizonDays(serviceType));
    }

    /**
     * The periodic run: every offered point and type, and every pair that still has future slots (a
     * deactivated point, a withdrawn type), each in its own transaction. A pair another replica is working
     * on is skipped (it reads the same state); a pair that fails is logged and left for the next run.
     */
    public Uni<Outcome> materialiseAll() {
        LocalDate today = today();
        return Panache.withSession(() -> warnOfUnloadedYears(today).chain(() -> slots.supplies(today)))
                .map(SlotMaterialiser::inLockOrder)
                .flatMap(supplies -> sequentially(supplies, s -> reconcileUnlessBusy(s, today)));
    }

    private Uni<Outcome> reconcileUnlessBusy(SlotRepository.Supply s, LocalDate today) {
        Uni<Outcome> work = Panache.withTransaction(() -> slots.tryLock(s.servicePointId(), s.serviceType())
                .flatMap(locked -> locked
                        ? reconcile(s.servicePointId(), s.serviceType(), today, horizonEnd(s.serviceType()))
                        : Uni.createFrom().item(new Outcome(0, 0, 0, 0, 1, 0))));
        return work.onFailure().recoverWithItem(f -> {
            Log.errorf(f, "Materialising slots of point %d, %s failed; the next run retries", s.servicePointId(),
                    s.serviceType());
            return new Outcome(0, 0, 0, 0, 0, 1);
        });
    }

    /** Days of a year nobody loaded follow the plain week: say so while the horizon reaches into one. */
    private Uni<Void> warnOfUnloadedYears(LocalDate today) {
        LocalDate last = today.plusDays(longestHorizon());
        return calendar.workdays(today, last).invoke(workdays -> {
            for (int year = today.getYear(); year <= last.getYear(); year++) {
                if (!workdays.loaded(year)) {
                    Log.warnf("The work calendar of %d is not loaded: its holidays are unknown and workdays-only "
                            + "schedules follow the plain week there. Load it with PUT /api/v1/admin/calendar/%d", year,
                            year);
                }
            }
        }).replaceWithVoid();
    }

    /**
     * Re-materialises the given types of a point over the whole window now, in the caller's transaction
     * when there is one (so an admin change and its slots commit together), waiting for the locks.
     */
    public Uni<Outcome> materialise(long pointId, Collection<String> serviceTypes) {
        return materialise(pointId, serviceTypes, today(), LocalDate.MAX);
    }

    /** As {@link #materialise(long, Collection)} for the days {@code from..to}, clipped to the window. */
    public Uni<Outcome> materialise(long pointId, Collection<String> serviceTypes, LocalDate from, LocalDate to) {
        List<SlotRepository.Supply> supplies = inLockOrder(serviceTypes.stream()
                .map(type -> new SlotRepository.Supply(pointId, type)).toList());
        return Panache.withTransaction(() -> sequentially(supplies, s -> slots.lock(pointId, s.serviceType())
                .chain(() -> reconcile(pointId, s.serviceType(), from, to))));
    }

    /** Every point and type over the days {@code from..to} (e.g. after the calendar of a year changed). */
    public Uni<Outcome> materialiseDays(LocalDate from, LocalDate to) {
        LocalDate today = today();
        if (to.isBefore(today) || from.isAfter(today.plusDays(longestHorizon()))) {
            return Uni.createFrom().item(Outcome.NOTHING); // no slots there, past or future
        }
        return Panache.withTransaction(() -> slots.supplies(today)
                .map(SlotMaterialiser::inLockOrder)
                .flatMap(supplies -> sequentially(supplies, s -> slots.lock(s.servicePointId(), s.serviceType())
                        .chain(() -> reconcile(s.servicePointId(), s.serviceType(), from, to)))));
    }

    /** Needs the pair's lock and a transaction. */
    private Uni<Outcome> reconcile(long pointId, String type, LocalDate requestedFrom, LocalDate requestedTo) {
        LocalDate today = today();
        LocalDate from = requestedFrom.isBefore(today) ? today : requestedFrom;
        LocalDate last = horizonEnd(type);
        LocalDate to = requestedTo.isAfter(last) ? last : requestedTo;
        if (from.isAfter(to)) {
            return Uni.createFrom().item(Outcome.NOTHING);
        }
        return points.findById(pointId).flatMap(point -> {
            boolean offered = point != null && point.active && point.offers(type);
            Uni<Inputs> inputs = offered
                    ? schedules.of(pointId, type).flatMap(ss -> exceptions.of(pointId, type, from, to)
                            .flatMap(es -> calendar.workdays(from, to).map(wd -> new Inputs(ss, es, wd))))
                    : Uni.createFrom().item((Inputs) null);
            return inputs.flatMap(in -> slots.existing(pointId, type, from, to)
                    .flatMap(existing -> apply(point, type, from, to, in, existing)));
        });
    }

    private record Inputs(List<Schedule> schedules, List<ScheduleException> exceptions,
            WorkCalendar.Workdays workdays) {
    }

    private record Key(LocalDate day, LocalTime startsAt) {
    }

    private Uni<Outcome> apply(ServicePoint point, String type, LocalDate from, LocalDate to, Inputs in,
            List<SlotRepository.Existing> existing) {
        Map<Key, SlotRepository.Existing> current = new HashMap<>();
        existing.forEach(e -> current.put(new Key(e.day(), e.startsAt()), e));

        List<Supplier<Uni<Integer>>> inserts = new ArrayList<>();
        List<Supplier<Uni<Integer>>> updates = new ArrayList<>();
        Set<Key> wanted = new HashSet<>();
        if (in != null) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                LocalDate d = day;
                List<ScheduleException> ofDay = in.exceptions().stream().filter(e -> e.day.equals(d)).toList();
                for (SlotPlan.Wanted w : SlotPlan.forDay(d, in.workdays().isWorkday(d), in.schedules(), ofDay)) {
                    Key key = new Key(d, w.startsAt());
                    wanted.add(key);
                    SlotRepository.Existing e = current.get(key);
                    if (e == null) {
                        inserts.add(() -> slots.upsert(point.id, type, d, w));
                    } else if (differs(e, w)) {
                        updates.add(() -> slots.upsert(point.id, type, d, w));
                    }
                }
            }
        }
        List<Long> unwanted = existing.stream()
                .filter(e -> !wanted.contains(new Key(e.day(), e.startsAt())))
                .filter(e -> e.booked() == 0 || !e.closed())
                .map(SlotRepository.Existing::id)
                .toList();
        Uni<int[]> removed = unwanted.isEmpty() ? Uni.createFrom().item(new int[] { 0, 0 })
                : slots.deleteUnbooked(unwanted)
                        .flatMap(deleted -> slots.close(unwanted).map(closed -> new int[] { deleted, closed }));
        return removed.flatMap(r -> sequentially(inserts, Supplier::get, 0, Integer::sum)
                .flatMap(inserted -> sequentially(updates, Supplier::get, 0, Integer::sum)
                        .map(updated -> new Outcome(inserted, updated, r[0], r[1], 0, 0))));
    }

    private int longestHorizon() {
        return config.horizonDaysByType().values().stream().reduce(config.horizonDays(), Math::max);
    }

    /** Whether the row must be written to become {@code w}; the SQL repeats the check under the row lock. */
    private static boolean differs(SlotRepository.Existing e, SlotPlan.Wanted w) {
        return !e.endsAt().equals(w.endsAt())
                || e.capacity() != Math.max(w.capacity(), e.booked())
                || !Objects.equals(e.parkingCapacity(), w.parkingCapacity() == null && e.parkingBooked() == 0 ? null
                        : Math.max(w.parkingCapacity() == null ? 0 : w.parkingCapacity(), e.parkingBooked()))
                || !Objects.equals(e.releaseAt(), w.releaseAt())
                || e.closed()
                || !Objects.equals(e.scheduleId(), w.scheduleId());
    }

    private static List<SlotRepository.Supply> inLockOrder(Collection<SlotRepository.Supply> supplies) {
        return supplies.stream().distinct()
                .sorted(Comparator.comparingLong(SlotRepository.Supply::servicePointId)
                        .thenComparing(SlotRepository.Supply::serviceType))
                .toList();
    }

    private static <T> Uni<Outcome> sequentially(List<T> items, Function<T, Uni<Outcome>> step) {
        return sequentially(items, step, Outcome.NOTHING, Outcome::plus);
    }

    /** One after the other on the same connection (a reactive session runs one statement at a time). */
    private static <T, R> Uni<R> sequentially(List<T> items, Function<T, Uni<R>> step, R zero,
            BinaryOperator<R> add) {
        return Multi.createFrom().iterable(items)
                .onItem().<R> transformToUniAndConcatenate(item -> step.apply(item))
                .collect().with(Collectors.reducing(zero, add));
    }
}
