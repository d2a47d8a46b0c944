package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.time.SqlTimes;
import org.minzheng.identity.service.People;

/**
 * The line for a full slot. A unit freed by a cancellation or an expired hold is offered, in the same
 * transaction, to the first in line as a PENDING booking with a deadline; if they let it pass, it goes
 * to the next. Strictly first come, first served: the head of the line is never skipped for a smaller
 * party. A resident is never both booked and waiting for one slot.
 */
@ApplicationScoped
public class Waitlist {

    /** How long an offer stays open (never past the slot's start). */
    static final Duration OFFER_HOLD = Duration.ofHours(2);

    public record Entry(long id, long slotId, String status, int units, Long offeredBookingId, int position,
            Instant createdAt) {
    }

    private final SlotInventory inventory;
    private final BookingPolicies policies;
    private final Bookings bookings;
    private final Clock clock;

    public Waitlist(SlotInventory inventory, BookingPolicies policies, Bookings bookings, Clock clock) {
        this.inventory = inventory;
        this.policies = policies;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** Joins the line for a slot that is full; a slot with room should be booked instead. */
    public Uni<Entry> join(long residentId, Bookings.Request request) {
        return inventory.read(request.slotId()).flatMap(slot -> {
            BookingPolicy policy = bookings.bookable(slot);
            if (!policy.waitlisted()) {
                throw new DomainException(409, "WAITLIST_NOT_OFFERED");
            }
            return bookings.resolvePeople(residentId, request, policy).flatMap(persons -> {
                int units = Bookings.units(policy, persons, request.partySize());
                if (slot.remaining() >= units) {
                    throw new DomainException(409, "SLOT_AVAILABLE");
                }
                String refs = String.join(",", persons.stream().map(People.Person::reference).toList());
                return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT count(*) FROM booking WHERE slot_id = :slot AND resident_id = :resident"
                                + " AND status IN ('PENDING', 'CONFIRMED', 'CHECKED_IN')", Long.class)
                        .setParameter("slot", slot.id()).setParameter("resident", residentId).getSingleResult()
                        .flatMap(booked -> {
                            if (booked > 0) {
                                throw new DomainException(409, "ALREADY_BOOKED");
                            }
                            Instant now = clock.instant();
                            return session.createNativeQuery("""
                                    INSERT INTO waitlist_entry (slot_id, resident_id, person_refs, party_size, units, status,
                                                                created_at, updated_at)
                                    VALUES (:slot, :resident, string_to_array(:refs, ','), :party, :units, 'WAITING', :now, :now) RETURNING id""",
                                    Long.class)
                                    .setParameter("slot", slot.id()).setParameter("resident", residentId)
                                    .setParameter("refs", refs).setParameter("party", request.partySize())
                                    .setParameter("units", units).setParameter("now", now)
                                    .getSingleResult();
                        })
                        // answered on the transaction's connection, as a cancellation is
                        .flatMap(id -> entry(residentId, id))))
                        .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "ALREADY_WAITING"));
            });
        });
    }

    public Uni<List<Entry>> mine(long residentId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE w.resident_id = :resident ORDER BY w.id DESC LIMIT 100", Object[].class)
                .setParameter("resident", residentId).getResultList()))
                .map(rows -> rows.stream().map(Waitlist::entryOf).toList());
    }

    public Uni<Entry> entry(long residentId, long entryId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(SELECT
                + " WHERE w.resident_id = :resident AND w.id = :id", Object[].class)
                .setParameter("resident", residentId).setParameter("id", entryId).getSingleResultOrNull()))
                .map(row -> {
                    if (row == null) {
                        throw new DomainException(404, "WAITLIST_ENTRY_NOT_FOUND");
                    }
                    return entryOf(row);
                });
    }

    /** Leaves the line; idempotent. An offer already made is declined by cancelling its booking. */
    public Uni<Entry> leave(long residentId, long entryId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "UPDATE waitlist_entry SET status = 'LEFT', updated_at = :now WHERE id = :id AND resident_id = :resident"
                        + " AND status = 'WAITING'")
                .setParameter("now", clock.instant()).setParameter("id", entryId).setParameter("resident", residentId)
                .executeUpdate()
                .flatMap(ignored -> entry(residentId, entryId)))); // answered on the transaction's connection
    }

    /** Booking a slot directly takes the resident out of its line (in the booking's transaction). */
    Uni<Void> leaveOnBooking(Mutiny.Session session, long slotId, long residentId) {
        return session.createNativeQuery("UPDATE waitlist_entry SET status = 'LEFT', updated_at = :now"
                + " WHERE slot_id = :slot AND resident_id = :resident AND status = 'WAITING'")
                .setParameter("now", clock.instant()).setParameter("slot", slotId).setParameter("resident", residentId)
                .executeUpdate().replaceWithVoid();
    }

    /** An offer ended without confirmation: that place in line is spent. */
    Uni<Void> offerPassed(Mutiny.Session session, long entryId) {
        return session.createNativeQuery(
                "UPDATE waitlist_entry SET status = 'SKIPPED', updated_at = :now WHERE id = :id AND status = 'OFFERED'")
                .setParameter("now", clock.instant()).setParameter("id", entryId).executeUpdate().replaceWithVoid();
    }

    /**
     * Offers the slot's free units to the line, head first, within the caller's transaction (which has
     * just given units back and holds the slot row). Someone whose people can no longer book (a revoked
     * dependant, a booking elsewhere in the scope) is skipped.
     */
    Uni<Void> offerFreedUnits(Mutiny.Session session, SlotInfo slot) {
        if (slot.closed() || clock.instant().isAfter(slot.startInstant())) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("""
                SELECT id, resident_id, array_to_string(person_refs, ','), units FROM waitlist_entry
                WHERE slot_id = :slot AND status = 'WAITING' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""", Object[].class)
                .setParameter("slot", slot.id()).getSingleResultOrNull()
                .flatMap(head -> {
                    if (head == null) {
                        return Uni.createFrom().voidItem();
                    }
                    long entryId = ((Number) head[0]).longValue();
                    long residentId = ((Number) head[1]).longValue();
                    List<Long> people = Arrays.stream(((String) head[2]).split(",")).map(Bookings::dependantOf).toList();
                    int units = ((Number) head[3]).intValue();
                    return inventory.take(session, slot.id(), units).flatMap(taken -> {
                        if (!taken) {
                            return Uni.createFrom().voidItem(); // not enough room yet: the head keeps its place
                        }
                        return bookings.resolve(residentId, people)
                                .onFailure(DomainException.class).recoverWithNull()
                                .flatMap(persons -> persons == null ? Uni.createFrom().item((org.minzheng.booking.Booking) null)
                                        : bookings.insert(session, residentId, slot, OFFER_HOLD, persons, Bookings.Take.units(units),
                                                policies.of(slot.serviceType()).limitKey(slot), Map.of(), entryId))
                                .flatMap(offer -> {
                                    if (offer == null) {
                                        return inventory.giveBack(session, slot.id(), units)
                                                .flatMap(ignored -> mark(session, entryId, "SKIPPED", null));
                                    }
                                    return mark(session, entryId, "OFFERED", offer.id);
                                })
                                .flatMap(ignored -> offerFreedUnits(session, slot));
                    });
                });
    }

    private Uni<Void> mark(Mutiny.Session session, long entryId, String status, Long bookingId) {
        return session.createNativeQuery("UPDATE waitlist_entry SET status = :status, offered_booking_id = :booking,"
                + " updated_at = :now WHERE id = :id")
                .setParameter("status", status).setParameter("booking", bookingId).setParameter("now", clock.instant())
                .setParameter("id", entryId).executeUpdate().replaceWithVoid();
    }

    private static final String SELECT = """
            SELECT w.id, w.slot_id, w.status, w.units, w.offered_booking_id, w.created_at,
                   (SELECT count(*) FROM waitlist_entry a WHERE a.slot_id = w.slot_id AND a.status = 'WAITING' AND a.id <= w.id)
            FROM waitlist_entry w""";

    private static Entry entryOf(Object[] r) {
        String status = (String) r[2];
        return new Entry(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), status, ((Number) r[3]).intValue(),
                r[4] == null ? null : ((Number) r[4]).longValue(),
                "WAITING".equals(status) ? ((Number) r[6]).intValue() : 0, SqlTimes.instant(r[5]));
    }
}
