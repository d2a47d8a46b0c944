package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.ReferenceCode;
import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.repository.BookingRepository;
import org.minzheng.booking.repository.BookingViews;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.privacy.Masks;
import org.minzheng.identity.service.People;
import org.minzheng.notify.Outbox;

/**
 * The booking engine's demand side. Creating a booking: the policy's checks, the Redis gate (which
 * turns away a flood for a full slot), then one PostgreSQL transaction with the conditional slot
 * update, the booking and its people (a partial unique index enforces one active booking per person
 * and scope) and the outbox row. A failure after the gate gives its reservation back.
 */
@ApplicationScoped
public class Bookings {

    /** What a resident asks for. {@code self} and {@code dependantIds} name the people. */
    public record Request(long slotId, boolean self, List<Long> dependantIds, Integer partySize, Map<String, Object> details) {
    }

    static final String NAME_COLUMN = "booking_person.name";

    private final SlotInventory inventory;
    private final SlotGate gate;
    private final BookingPolicies policies;
    private final People people;
    private final BookingRepository bookings;
    private final PersonalDataCipher cipher;
    private final IdempotencyKeys idempotency;
    private final Outbox outbox;
    private final BookingViews views;
    private final Clock clock;

    public Bookings(SlotInventory inventory, SlotGate gate, BookingPolicies policies, People people,
            BookingRepository bookings, PersonalDataCipher cipher, IdempotencyKeys idempotency, Outbox outbox,
            BookingViews views, Clock clock) {
        this.inventory = inventory;
        this.gate = gate;
        this.policies = policies;
        this.people = people;
        this.bookings = bookings;
        this.cipher = cipher;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.views = views;
        this.clock = clock;
    }

    public Uni<BookingView> create(long residentId, Request request, String idempotencyKey) {
        IdempotencyKeys.validate(idempotencyKey);
        if (idempotencyKey == null) {
            return attempt(residentId, request);
        }
        // the key is claimed first, so a parallel duplicate waits for this answer instead of racing it
        String fingerprint = request.toString();
        return Panache.withTransaction(() -> idempotency.once("resident:" + residentId, idempotencyKey, fingerprint,
                BookingView.class, () -> attempt(residentId, request)));
    }

    private Uni<BookingView> attempt(long residentId, Request request) {
        return gate.knownFull(request.slotId()).flatMap(full -> {
            if (full) {
                throw new DomainException(409, "SLOT_FULL");
            }
            return inventory.read(request.slotId());
        }).flatMap(slot -> {
            if (slot == null) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
            BookingPolicy policy = policies.of(slot.serviceType());
            checkWindow(slot, policy);
            return resolvePeople(residentId, request, policy)
                    .call(persons -> policy.check(residentId, slot, persons, request.details()))
                    .flatMap(persons -> book(residentId, slot, policy, persons, request));
        });
    }

    private void checkWindow(SlotInfo slot, BookingPolicy policy) {
        Instant now = clock.instant();
        if (slot.closed()) {
            throw new DomainException(409, "SLOT_CLOSED");
        }
        if (slot.releaseAt() != null && now.isBefore(slot.releaseAt())) {
            throw new DomainException(409, "NOT_YET_OPEN", List.of(), Map.of(), slot.releaseAt().toString());
        }
        LocalDate today = LocalDate.now(clock);
        if (slot.day().isAfter(today.plusDays(policy.horizonDays()))
                || now.isAfter(slot.startInstant().minus(policy.bookingCutoff()))) {
            throw new DomainException(409, "OUTSIDE_BOOKING_WINDOW");
        }
    }

    private Uni<List<People.Person>> resolvePeople(long residentId, Request request, BookingPolicy policy) {
        List<Long> dependants = request.dependantIds() == null ? List.of() : request.dependantIds().stream().distinct().toList();
        int count = (request.self() ? 1 : 0) + dependants.size();
        if (count == 0) {
            throw new DomainException(422, "NO_PEOPLE");
        }
        if (count > policy.maxPeople()) {
            throw new DomainException(422, "TOO_MANY_PEOPLE", List.of(), Map.of(), policy.maxPeople());
        }
        List<Uni<People.Person>> lookups = new ArrayList<>();
        if (request.self()) {
            lookups.add(people.actingFor(residentId, null));
        }
        dependants.forEach(id -> lookups.add(people.actingFor(residentId, id)));
        // one after the other: they share the caller's session
        Uni<List<People.Person>> all = Uni.createFrom().item(new ArrayList<>());
        for (Uni<People.Person> lookup : lookups) {
            all = all.flatMap(list -> lookup.map(person -> {
                list.add(person);
                return list;
            }));
        }
        return all;
    }

    private Uni<BookingView> book(long residentId, SlotInfo slot, BookingPolicy policy, List<People.Person> persons,
            Request request) {
        int units = units(policy, persons, request.partySize());
        String limitKey = policy.limitKey(slot);
        List<String> markers = limitKey == null ? List.of()
                : persons.stream().map(p -> SlotGate.markerKey(limitKey, p.idNumberIndex())).toList();
        return gate.reserve(slot, units, markers)
                .onFailure(SlotGate.GateRefusal.class).transform(f -> switch (((SlotGate.GateRefusal) f).outcome()) {
                    case FULL -> new DomainException(409, "SLOT_FULL");
                    default -> new DomainException(409, "ALREADY_BOOKED");
                })
                .flatMap(reservation -> {
                    AtomicReference<Boolean> slotWasFull = new AtomicReference<>(false);
                    return Panache.withTransaction(() -> Panache.getSession().flatMap(session ->
                            checkNotSuspended(session, residentId, slot.serviceType(), policy)
                                    .flatMap(ignored -> inventory.take(session, slot.id(), units))
                                    .flatMap(taken -> {
                                        if (!taken) {
                                            slotWasFull.set(true);
                                            throw new DomainException(409, "SLOT_FULL");
                                        }
                                        return insert(session, residentId, slot, policy, persons, units, limitKey,
                                                request.details());
                                    })))
                            .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "ALREADY_BOOKED"))
                            .onFailure().call(f -> slotWasFull.get() ? gate.resync(slot.id()) : gate.release(reservation));
                });
    }

    private static int units(BookingPolicy policy, List<People.Person> persons, Integer partySize) {
        if (policy.maxPartySize() > 0) {
            if (partySize == null || partySize < persons.size()) {
                throw new DomainException(422, "PARTY_SIZE_REQUIRED");
            }
            if (partySize > policy.maxPartySize()) {
                throw new DomainException(422, "PARTY_TOO_LARGE", List.of(), Map.of(), policy.maxPartySize());
            }
        }
        return policy.units(persons, partySize);
    }

    private Uni<Void> checkNotSuspended(Mutiny.Session session, long residentId, String serviceType, BookingPolicy policy) {
        BookingPolicy.NoShowRule rule = policy.noShowRule();
        LocalDate today = LocalDate.now(clock);
        return session.createNativeQuery("""
                SELECT day FROM booking WHERE resident_id = :resident AND service_type = :type AND status = 'NO_SHOW'
                AND day >= :since ORDER BY day DESC""", LocalDate.class)
                .setParameter("resident", residentId).setParameter("type", serviceType)
                .setParameter("since", today.minusDays(rule.within().toDays()))
                .getResultList()
                .invoke(days -> {
                    if (days.size() >= rule.count()) {
                        LocalDate until = days.get(0).plusDays(rule.suspendFor().toDays());
                        if (today.isBefore(until)) {
                            throw new DomainException(409, "SUSPENDED_FOR_NO_SHOWS", List.of(), Map.of(), until.toString());
                        }
                    }
                })
                .replaceWithVoid();
    }

    private Uni<BookingView> insert(Mutiny.Session session, long residentId, SlotInfo slot, BookingPolicy policy,
            List<People.Person> persons, int units, String limitKey, Map<String, Object> details) {
        Instant now = clock.instant();
        Duration hold = policy.holdDuration();
        Booking booking = new Booking();
        booking.reference = ReferenceCode.next();
        booking.residentId = residentId;
        booking.slotId = slot.id();
        booking.serviceType = slot.serviceType();
        booking.servicePointId = slot.servicePointId();
        booking.day = slot.day();
        booking.units = units;
        booking.status = hold == null ? BookingStatus.CONFIRMED : BookingStatus.PENDING;
        booking.holdUntil = hold == null ? null : earliest(now.plus(hold), slot.startInstant());
        booking.details = details == null ? Map.of() : details;
        booking.createdAt = now;
        booking.updatedAt = now;
        return bookings.persist(booking).call(bookings::flush)
                .call(b -> insertPeople(session, b.id, persons, limitKey))
                .call(b -> outbox.record("booking:" + b.id + ":" + b.status, "BOOKING_" + b.status, residentId,
                        messageData(b, slot)))
                .map(b -> view(b, slot, persons.stream()
                        .map(p -> new BookingView.PersonView(p.reference(), Masks.name(p.name()))).toList()));
    }

    private Uni<Void> insertPeople(Mutiny.Session session, long bookingId, List<People.Person> persons, String limitKey) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (People.Person p : persons) {
            chain = chain.flatMap(ignored -> session.createNativeQuery("""
                    INSERT INTO booking_person (booking_id, person_ref, id_number_index, name_enc, limit_key, active)
                    VALUES (:booking, :ref, :index, :name, :limit, TRUE)""")
                    .setParameter("booking", bookingId).setParameter("ref", p.reference())
                    .setParameter("index", p.idNumberIndex()).setParameter("name", cipher.seal(NAME_COLUMN, p.name()))
                    .setParameter("limit", limitKey)
                    .executeUpdate().replaceWithVoid());
        }
        return chain;
    }

    /**
     * Cancels a resident's own booking before the policy's cut-off; frees its units in the same
     * transaction and then in the gate. Cancelling a cancelled booking answers it again.
     */
    public Uni<BookingView> cancel(long residentId, long bookingId) {
        AtomicReference<SlotGate.Reservation> freed = new AtomicReference<>();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> bookings
                .find("id = ?1 AND residentId = ?2", bookingId, residentId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .flatMap(booking -> {
                    if (booking == null) {
                        throw new DomainException(404, "BOOKING_NOT_FOUND");
                    }
                    if (booking.status == BookingStatus.CANCELLED) {
                        return Uni.createFrom().voidItem();
                    }
                    if (booking.status != BookingStatus.CONFIRMED && booking.status != BookingStatus.PENDING) {
                        throw new DomainException(409, "NOT_CANCELLABLE");
                    }
                    return inventory.read(booking.slotId).flatMap(slot -> {
                        BookingPolicy policy = policies.of(booking.serviceType);
                        if (clock.instant().isAfter(slot.startInstant().minus(policy.cancellationCutoff()))) {
                            throw new DomainException(409, "CANCELLATION_CLOSED");
                        }
                        return release(session, booking, BookingStatus.CANCELLED, slot, freed);
                    });
                })))
                .call(() -> freed.get() == null ? Uni.createFrom().voidItem() : gate.release(freed.get()))
                .flatMap(ignored -> one(residentId, bookingId));
    }

    public Uni<BookingView> one(long residentId, long bookingId) {
        return views.one(residentId, bookingId)
                .onItem().ifNull().failWith(() -> new DomainException(404, "BOOKING_NOT_FOUND"));
    }

    /**
     * Ends a booking that holds units (cancelled, expired hold, no-show of the future): status, people no
     * longer active, units back to the slot, outbox row; the gate is told after commit.
     */
    Uni<Void> release(Mutiny.Session session, Booking booking, BookingStatus to, SlotInfo slot,
            AtomicReference<SlotGate.Reservation> freed) {
        booking.status = to;
        booking.holdUntil = null;
        booking.updatedAt = clock.instant();
        return session.createNativeQuery(
                "UPDATE booking_person SET active = FALSE WHERE booking_id = :id RETURNING limit_key, id_number_index",
                Object[].class).setParameter("id", booking.id).getResultList()
                .flatMap(rows -> {
                    List<String> markers = rows.stream().filter(r -> r[0] != null)
                            .map(r -> SlotGate.markerKey((String) r[0], (byte[]) r[1])).toList();
                    freed.set(new SlotGate.Reservation(booking.slotId, booking.units, markers, false));
                    return inventory.giveBack(session, booking.slotId, booking.units);
                })
                .call(() -> bookings.flush())
                .call(() -> outbox.record("booking:" + booking.id + ":" + to, "BOOKING_" + to, booking.residentId,
                        messageData(booking, slot)));
    }

    static Map<String, Object> messageData(Booking b, SlotInfo slot) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", b.id);
        data.put("reference", b.reference);
        data.put("serviceType", b.serviceType);
        data.put("servicePointId", b.servicePointId);
        data.put("day", b.day.toString());
        data.put("startsAt", slot.startsAt().toString());
        data.put("endsAt", slot.endsAt().toString());
        data.put("status", b.status.name());
        return data;
    }

    static BookingView view(Booking b, SlotInfo slot, List<BookingView.PersonView> persons) {
        return new BookingView(b.id, b.reference, b.status, b.serviceType, b.servicePointId, b.slotId, b.day,
                slot.startsAt(), slot.endsAt(), b.units, persons, b.holdUntil, b.createdAt);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
