package org.minzheng.memorial.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.booking.Booking;
import org.minzheng.booking.ScheduleException;
import org.minzheng.booking.ServicePoint;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.ScheduleExceptions;
import org.minzheng.booking.service.SlotInventory;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.memorial.TombSweepingPolicy;
import org.minzheng.memorial.config.MemorialConfig;

/**
 * Closing a cemetery, one gate, or one window of a day (weather, traffic): the gates' slots close (a
 * CLOSED schedule exception each), and every live booking in them whose window has not ended is cancelled
 * with the reason, its booker told and offered the nearest free windows that day or on the next peak day —
 * all in one transaction. The bookings are locked before the slots, in the order a resident's cancellation
 * takes them (booking, then slot), so the two cannot deadlock. Closing the same window again cancels
 * nothing and tells nobody again; a wider window is a closure of its own.
 */
@ApplicationScoped
public class Closures {

    public record Closure(long cemeteryId, LocalDate day, Long gateId, LocalTime startsAt, LocalTime endsAt,
            String reason) {
    }

    /** What a closure did: gates newly closed, bookings cancelled. */
    public record Outcome(LocalDate day, List<Long> closedGates, int cancelled, boolean alreadyClosed) {
    }

    /** A free window offered to a booking that was cancelled. */
    public record Offer(long slotId, long gateId, String day, String startsAt, String endsAt) {
    }

    static final String TEMPLATE = "TOMB_SWEEPING_CLOSED";

    private final ScheduleExceptions exceptions;
    private final Cemeteries cemeteries;
    private final Bookings bookings;
    private final SlotInventory inventory;
    private final PeakDays peakDays;
    private final MemorialConfig config;
    private final Clock clock;

    public Closures(ScheduleExceptions exceptions, Cemeteries cemeteries, Bookings bookings, SlotInventory inventory,
            PeakDays peakDays, MemorialConfig config, Clock clock) {
        this.exceptions = exceptions;
        this.cemeteries = cemeteries;
        this.bookings = bookings;
        this.inventory = inventory;
        this.peakDays = peakDays;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Outcome> close(long adminId, Closure closure) {
        if ((closure.startsAt() == null) != (closure.endsAt() == null)) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError(
                    closure.startsAt() == null ? "startsAt" : "endsAt", "WINDOW_INCOMPLETE", null)), Map.of());
        }
        return cemeteries.cemetery(closure.cemeteryId())
                .flatMap(cemetery -> cemeteries.gates(cemetery.id))
                .map(gates -> closure.gateId() == null ? gates
                        : gates.stream().filter(g -> g.id.equals(closure.gateId())).findFirst().map(List::of)
                                .orElseThrow(() -> new DomainException(404, "GATE_NOT_FOUND")))
                .flatMap(gates -> peakDays.nextAfter(closure.cemeteryId(), closure.day())
                        .flatMap(nextPeak -> Uni.createFrom().deferred(() -> attempt(adminId, closure, gates, nextPeak))
                                // a second admin closing the same window at the same moment: theirs is a no-op
                                .onFailure(f -> f instanceof DomainException d && d.code().equals("SCHEDULE_EXCEPTION_EXISTS"))
                                .retry().atMost(1)));
    }

    /** One transaction; what it freed is told to the gate only once it committed. */
    private Uni<Outcome> attempt(long adminId, Closure closure, List<ServicePoint> gates, LocalDate nextPeak) {
        Bookings.Released released = new Bookings.Released();
        List<Long> closed = new ArrayList<>();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> lockAffected(session, closure, gates)
                .call(ignored -> closeGates(adminId, closure, gates, closed))
                .flatMap(ids -> cancel(session, closure, ids, nextPeak, released))))
                .call(() -> bookings.settle(released))
                .map(cancelled -> new Outcome(closure.day(), closed, cancelled, closed.isEmpty()));
    }

    /** A CLOSED exception per gate not closed for this window yet (re-materialising its slots). */
    private Uni<Void> closeGates(long adminId, Closure closure, List<ServicePoint> gates, List<Long> closed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ServicePoint gate : gates) {
            chain = chain.flatMap(ignored -> exceptions.closed(gate.id, TombSweepingPolicy.TYPE, closure.day(),
                    closure.startsAt(), closure.endsAt()).flatMap(already -> already ? Uni.createFrom().voidItem()
                            : exceptions.create(adminId, gate.id, new ScheduleExceptions.Spec(TombSweepingPolicy.TYPE,
                                    closure.day(), ScheduleException.Kind.CLOSED, closure.startsAt(), closure.endsAt(), null,
                                    null, null, null, closure.reason())).invoke(e -> closed.add(gate.id)).replaceWithVoid()));
        }
        return chain;
    }

    /** The live bookings in the closure's windows that have not ended yet, locked in id order. */
    private Uni<List<Long>> lockAffected(Mutiny.Session session, Closure closure, List<ServicePoint> gates) {
        boolean window = closure.startsAt() != null;
        var query = session.createNativeQuery("""
                SELECT b.id FROM booking b JOIN slot s ON s.id = b.slot_id
                WHERE b.service_point_id IN (:gates) AND b.service_type = :type AND b.day = :day
                  AND b.status IN ('PENDING', 'CONFIRMED') AND (s.day + s.ends_at) AT TIME ZONE 'Asia/Shanghai' > :now"""
                + (window ? " AND s.starts_at < :to AND :from < s.ends_at" : "") + " ORDER BY b.id FOR UPDATE OF b", Long.class)
                .setParameter("gates", gates.stream().map(g -> g.id).toList())
                .setParameter("type", TombSweepingPolicy.TYPE).setParameter("day", closure.day())
                .setParameter("now", clock.instant());
        if (window) {
            query.setParameter("from", closure.startsAt()).setParameter("to", closure.endsAt());
        }
        return query.getResultList();
    }

    /** Each locked booking, cancelled with the reason and offers (its slot is closed by now). */
    private Uni<Integer> cancel(Mutiny.Session session, Closure closure, List<Long> ids, LocalDate nextPeak,
            Bookings.Released released) {
        return Uni.createFrom().item(ids)
                .flatMap(ignored -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Long id : ids) {
                        chain = chain.flatMap(count -> session.find(Booking.class, id)
                                .flatMap(booking -> inventory.read(booking.slotId).flatMap(slot -> offers(session,
                                        closure.cemeteryId(), booking, slot.startsAt(), nextPeak)
                                        .flatMap(offers -> {
                                            Map<String, Object> extra = new LinkedHashMap<>();
                                            extra.put("reason", closure.reason());
                                            extra.put("offers", offers);
                                            return bookings.cancelByBureau(session, booking, slot, TEMPLATE, extra, released);
                                        })))
                                .map(cancelled -> cancelled ? count + 1 : count));
                    }
                    return chain;
                });
    }

    /**
     * The nearest free windows of the cemetery for this booking's people and car: later that day first,
     * nearest to the lost window, then on the next peak day.
     */
    private Uni<List<Offer>> offers(Mutiny.Session session, long cemeteryId, Booking booking, LocalTime lost,
            LocalDate nextPeak) {
        return session.createNativeQuery("""
                SELECT s.id, s.service_point_id, s.day, s.starts_at, s.ends_at
                FROM slot s JOIN service_point p ON p.id = s.service_point_id
                WHERE p.site_id = :site AND p.active AND s.service_type = :type AND NOT s.closed
                  AND s.capacity - s.booked >= :units
                  AND coalesce(s.parking_capacity, 0) - s.parking_booked >= :parking
                  AND ((s.day = :day AND (s.day + s.starts_at) AT TIME ZONE 'Asia/Shanghai' > :now)
                       OR s.day = :nextPeak)
                ORDER BY s.day, abs(extract(epoch FROM s.starts_at - :lost)), s.starts_at, s.id
                LIMIT :limit""", Object[].class)
                .setParameter("site", cemeteryId).setParameter("type", TombSweepingPolicy.TYPE)
                .setParameter("units", booking.units).setParameter("parking", booking.parkingUnits)
                .setParameter("day", booking.day).setParameter("now", clock.instant())
                .setParameter("nextPeak", nextPeak == null ? LocalDate.MIN : nextPeak)
                .setParameter("lost", lost).setParameter("limit", config.closureOffers())
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Offer(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                        r[2].toString(), r[3].toString(), r[4].toString())).toList());
    }
}
