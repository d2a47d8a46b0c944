package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.config.BookingConfig;
import org.minzheng.booking.repository.BookingRepository;
import org.minzheng.booking.repository.BookingViews;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.idempotency.IdempotencyKeys;
import org.minzheng.common.privacy.Masks;
import org.minzheng.identity.service.People;
import org.minzheng.notify.Outbox;

/**
 * The booking engine's demand side. Creating a booking: the policy's checks, the Redis gate (which
 * turns away a flood for a full slot), then one PostgreSQL transaction with the conditional slot
 * update, the booking and its people (a partial unique index enforces one active booking per person
 * and scope) and the outbox row. A failure after the gate gives its reservation back. Units freed by a
 * cancellation or an expired hold go to the slot's waitlist first, in the same transaction.
 */
@ApplicationScoped
public class Bookings {

    /**
     * What a resident asks for. {@code self} and {@code dependantIds} name the people; {@code named} are
     * people who are neither, named by identity and vouched for by a domain (a marriage partner).
     * {@code sealed}: personal details (a car plate), stored sealed and never printed.
     */
    public record Request(long slotId, boolean self, List<Long> dependantIds, Integer partySize,
            Map<String, Object> details, List<People.Person> named, Map<String, String> sealed) {

        public Request(long slotId, boolean self, List<Long> dependantIds, Integer partySize, Map<String, Object> details) {
            this(slotId, self, dependantIds, partySize, details, List.of(), Map.of());
        }

        public Request(long slotId, boolean self, List<Long> dependantIds, Integer partySize, Map<String, Object> details,
                List<People.Person> named) {
            this(slotId, self, dependantIds, partySize, details, named, Map.of());
        }

        @Override
        public String toString() {
            return "Request[slotId=" + slotId + ", self=" + self + ", dependantIds=" + dependantIds + ", partySize="
                    + partySize + ", details=" + details + ", named=" + named + ", sealed=" + sealed.keySet() + "]";
        }
    }

    static final String NAME_COLUMN = "booking_person.name";
    static final String SEALED_COLUMN = "booking.sealed_details";
    /** In a booking's details: the booking it depends on, whose end cancels it. */
    public static final String CHAINED_TO = "chainedTo";
    static final String WAITLIST_ENTRY = "waitlistEntryId";
    /** In a booking's details: the names of its sealed details (so a policy can see a plate was given). */
    public static final String SEALED_FIELDS = "sealedFields";
    /** In a booking's details: why the bureau cancelled it (a closure), which allows a rebooking. */
    public static final String CANCELLED_BY_BUREAU = "cancelledByBureau";
    /** In a booking's details: the booking that replaced it after the bureau cancelled it. */
    public static final String REBOOKED_AS = "rebookedAs";
    /**
     * In a booking's details: {@code true} when its resident asked for no WeChat messages about it (a counseling
     * session on domestic violence); its messages stay in the inbox ({@link Outbox#DISCREET}).
     */
    public static final String DISCREET = "discreet";
    private static final List<String> RESERVED = List.of(CHAINED_TO, WAITLIST_ENTRY, SEALED_FIELDS, CANCELLED_BY_BUREAU,
            REBOOKED_AS);

    private final SlotInventory inventory;
    private final SlotGate gate;
    private final BookingPolicies policies;
    private final People people;
    private final BookingRepository bookings;
    private final PersonalDataCipher cipher;
    private final IdempotencyKeys idempotency;
    private final Outbox outbox;
    private final BookingViews views;
    private final Waitlist waitlist;
    private final BookingPasses passes;
    private final BookingConfig config;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Clock clock;

    public Bookings(SlotInventory inventory, SlotGate gate, BookingPolicies policies, People people,
            BookingRepository bookings, PersonalDataCipher cipher, IdempotencyKeys idempotency, Outbox outbox,
            BookingViews views, Waitlist waitlist, BookingPasses passes, BookingConfig config,
            com.fasterxml.jackson.databind.ObjectMapper json, Clock clock) {
        this.inventory = inventory;
        this.gate = gate;
        this.policies = policies;
        this.people = people;
        this.bookings = bookings;
        this.cipher = cipher;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.views = views;
        this.waitlist = waitlist;
        this.passes = passes;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public Uni<BookingView> create(long residentId, Request given, String idempotencyKey) {
        IdempotencyKeys.validate(idempotencyKey);
        Request request = withSealedFields(given);
        String actor = "resident:" + residentId;
        // a slot Redis knows is full is refused before any transaction: in a flash release most requests are these
        return gate.knownFull(request.slotId()).flatMap(full -> {
            if (full) {
                Supplier<Uni<BookingView>> refused = () -> Uni.createFrom().failure(new DomainException(409, "SLOT_FULL"));
                // a retry of a request that booked before the slot filled gets its booking, not SLOT_FULL
                return idempotencyKey == null ? refused.get()
                        : idempotency.answeredOr(actor, idempotencyKey, fingerprint(request), BookingView.class, refused);
            }
            if (idempotencyKey == null) {
                return attempt(residentId, request);
            }
            // the key is claimed first, so a parallel duplicate waits for this answer instead of racing it
            return Panache.withTransaction(() -> idempotency.once(actor, idempotencyKey, fingerprint(request),
                    BookingView.class, () -> attempt(residentId, request)));
        });
    }

    /**
     * Details a resident may send: the engine's own keys (chaining, waitlist offers) are not theirs to set, and
     * {@link #DISCREET} is a yes or a no.
     */
    public static Map<String, Object> residentDetails(Map<String, Object> details) {
        if (details != null && RESERVED.stream().anyMatch(details::containsKey)) {
            throw new DomainException(400, "RESERVED_DETAIL", List.of(new FieldError("details",
                    "RESERVED_DETAIL", null)), Map.of());
        }
        if (details != null && details.containsKey(DISCREET) && !(details.get(DISCREET) instanceof Boolean)) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError("details.discreet", "INVALID_TYPE", null)),
                    Map.of());
        }
        return details;
    }

    private static Request withSealedFields(Request r) {
        if (r.sealed() == null || r.sealed().isEmpty()) {
            return r;
        }
        Map<String, Object> details = new LinkedHashMap<>(r.details() == null ? Map.of() : r.details());
        details.put(SEALED_FIELDS, new java.util.TreeSet<>(r.sealed().keySet()).stream().toList());
        return new Request(r.slotId(), r.self(), r.dependantIds(), r.partySize(), details, r.named(), r.sealed());
    }

    /** What makes two requests the same; named people by their blind index, sealed details by a digest. */
    private String fingerprint(Request request) {
        return request + request.named().stream().map(p -> java.util.HexFormat.of().formatHex(p.idNumberIndex()))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"))
                + (request.sealed().isEmpty() ? "" : java.util.HexFormat.of().formatHex(
                        cipher.blindIndex(SEALED_COLUMN, new java.util.TreeMap<>(request.sealed()).toString())));
    }

    private Uni<BookingView> attempt(long residentId, Request request) {
        return inventory.read(request.slotId()).flatMap(slot -> {
            BookingPolicy policy = bookable(slot);
            return resolvePeople(residentId, request, policy)
                    .call(persons -> policy.check(residentId, slot, persons, request.details()))
                    .flatMap(persons -> book(residentId, slot, policy, persons, request));
        });
    }

    /** The policy of a slot that may be booked now, or the problem why not. */
    BookingPolicy bookable(SlotInfo slot) {
        if (slot == null) {
            throw new DomainException(404, "SLOT_NOT_FOUND");
        }
        BookingPolicy policy = policies.of(slot.serviceType());
        Instant now = clock.instant();
        if (slot.closed()) {
            throw new DomainException(409, "SLOT_CLOSED");
        }
        if (slot.releaseAt() != null && now.isBefore(slot.releaseAt())) {
            throw new DomainException(409, "NOT_YET_OPEN", List.of(), Map.of(), slot.releaseAt().toString());
        }
        if (slot.day().isAfter(LocalDate.now(clock).plusDays(config.horizonDays(slot.serviceType())))
                || now.isAfter(policy.bookableUntil(slot))) {
            throw new DomainException(409, "OUTSIDE_BOOKING_WINDOW");
        }
        return policy;
    }

    Uni<List<People.Person>> resolvePeople(long residentId, Request request, BookingPolicy policy) {
        List<Long> dependants = request.dependantIds() == null ? List.of() : request.dependantIds().stream().distinct().toList();
        int count = (request.self() ? 1 : 0) + dependants.size() + request.named().size();
        if (count == 0) {
            throw new DomainException(422, "NO_PEOPLE");
        }
        if (count > policy.maxPeople()) {
            throw new DomainException(422, "TOO_MANY_PEOPLE", List.of(), Map.of(), policy.maxPeople());
        }
        List<Long> refs = new ArrayList<>();
        if (request.self()) {
            refs.add(null);
        }
        refs.addAll(dependants);
        return resolve(residentId, refs).map(persons -> {
            persons.addAll(request.named());
            return persons;
        });
    }

    /** The people, in order; {@code null} stands for the resident themselves. One after the other: they share a session. */
    Uni<List<People.Person>> resolve(long residentId, List<Long> dependantIdsOrSelf) {
        Uni<List<People.Person>> all = Uni.createFrom().item(new ArrayList<>());
        for (Long dependantId : dependantIdsOrSelf) {
            all = all.flatMap(list -> people.actingFor(residentId, dependantId).map(person -> {
                list.add(person);
                return list;
            }));
        }
        return all;
    }

    private Uni<BookingView> book(long residentId, SlotInfo slot, BookingPolicy policy, List<People.Person> persons,
            Request request) {
        int units = units(policy, persons, request.partySize());
        int parking = policy.parkingUnits(request.details());
        if (parking > 0 && slot.parkingCapacity() == null) {
            throw new DomainException(409, "NO_PARKING_HERE");
        }
        byte[] sealed = seal(request.sealed());
        String limitKey = policy.limitKey(slot);
        List<String> markers = limitKey == null ? List.of()
                : persons.stream().map(p -> SlotGate.markerKey(limitKey, p.idNumberIndex())).toList();
        return gate.reserve(slot, units, parking, markers)
                .onFailure(SlotGate.GateRefusal.class).transform(f -> switch (((SlotGate.GateRefusal) f).outcome()) {
                    case FULL -> new DomainException(409, "SLOT_FULL");
                    case NO_PARKING -> new DomainException(409, "PARKING_FULL");
                    default -> new DomainException(409, "ALREADY_BOOKED");
                })
                .flatMap(reservation -> {
                    AtomicBoolean slotWasFull = new AtomicBoolean();
                    // the slot's row is taken after the booking's rows are written: its lock, which every booking
                    // of a popular window waits for, is then held for the last statements and the commit only. The
                    // waitlist follows the slot, in the order a cancellation takes them, so the two cannot deadlock.
                    return Panache.withTransaction(() -> Panache.getSession().flatMap(session ->
                            checkNotSuspended(session, residentId, slot.serviceType(), policy)
                                    .flatMap(ignored -> insert(session, residentId, slot, policy.holdDuration(), persons,
                                            new Take(units, parking, sealed), limitKey, request.details(), null))
                                    .flatMap(booking -> booking == null
                                            ? Uni.createFrom().failure(new DomainException(409, "ALREADY_BOOKED"))
                                            : inventory.take(session, slot.id(), units, parking).flatMap(taken -> {
                                                if (!taken) {
                                                    slotWasFull.set(true);
                                                    return shortOf(slot.id(), units);
                                                }
                                                return waitlist.leaveOnBooking(session, slot.id(), residentId)
                                                        .replaceWith(booking);
                                            }))))
                            .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "ALREADY_BOOKED"))
                            // PostgreSQL found the slot full though Redis let the request through (a counter the
                            // reconciler set while others were in flight): the counter takes PostgreSQL's truth, and
                            // the people's markers go, or they could book no other window of that day
                            .onFailure().call(f -> slotWasFull.get()
                                    ? gate.resync(slot.id()).call(() -> gate.forget(reservation.markers()))
                                    : gate.release(reservation));
                })
                // answered from what is in hand: no second read of what this transaction just wrote
                .map(booking -> withPass(new BookingView(booking.id, booking.reference, booking.status,
                        booking.serviceType, booking.servicePointId, booking.slotId, booking.day, slot.startsAt(),
                        slot.endsAt(), booking.units, booking.parkingUnits, peopleOf(persons), booking.holdUntil, booking.createdAt,
                        booking.details, null)));
    }

    /** What one booking takes from its slot: units, parking places, and its sealed details. */
    record Take(int units, int parking, byte[] sealed) {
        static Take units(int units) {
            return new Take(units, 0, null);
        }
    }

    /** Why the conditional take failed: the people's units, or else the parking places, ran short. */
    private <T> Uni<T> shortOf(long slotId, int units) {
        return inventory.read(slotId).map(now -> {
            throw new DomainException(409, now.remaining() >= units ? "PARKING_FULL" : "SLOT_FULL");
        });
    }

    private byte[] seal(Map<String, String> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        try {
            return cipher.seal(SEALED_COLUMN, json.writeValueAsString(new java.util.TreeMap<>(details)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A booking's sealed details, opened; empty when it has none. */
    public Map<String, String> sealedDetails(Booking booking) {
        if (booking.sealedDetails == null) {
            return Map.of();
        }
        try {
            return json.readValue(cipher.open(SEALED_COLUMN, booking.sealedDetails),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable sealed details", e);
        }
    }

    static int units(BookingPolicy policy, List<People.Person> persons, Integer partySize) {
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

    Uni<Void> checkNotSuspended(Mutiny.Session session, long residentId, String serviceType, BookingPolicy policy) {
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

    /**
     * Inserts a booking, its people and its outbox row; the caller takes its units in the same transaction. Answers
     * null, with nothing of it left behind, when a person already holds an active booking in the scope (the caller
     * decides whether that fails the transaction or is skipped).
     */
    Uni<Booking> insert(Mutiny.Session session, long residentId, SlotInfo slot, Duration hold, List<People.Person> persons,
            Take take, String limitKey, Map<String, Object> details, Long waitlistEntryId) {
        Instant now = clock.instant();
        Booking booking = Booking.of(slot, take.units(), hold == null ? BookingStatus.CONFIRMED : BookingStatus.PENDING, now);
        booking.parkingUnits = take.parking();
        booking.sealedDetails = take.sealed();
        booking.residentId = residentId;
        booking.holdUntil = hold == null ? null : earliest(now.plus(hold), slot.startInstant());
        Map<String, Object> allDetails = new LinkedHashMap<>(details == null ? Map.of() : details);
        if (waitlistEntryId != null) {
            allDetails.put(WAITLIST_ENTRY, waitlistEntryId);
        }
        booking.details = allDetails;
        return bookings.persist(booking).call(bookings::flush)
                .flatMap(b -> insertPeople(session, b.id, persons, limitKey).flatMap(inserted -> {
                    if (inserted < persons.size()) {
                        return session.createNativeQuery("DELETE FROM booking_person WHERE booking_id = :id")
                                .setParameter("id", b.id).executeUpdate()
                                .flatMap(ignored -> bookings.delete(b)).call(bookings::flush)
                                .replaceWith((Booking) null);
                    }
                    String template = waitlistEntryId != null ? "WAITLIST_OFFER" : "BOOKING_" + b.status;
                    return outbox.record("booking:" + b.id + ":" + b.status, template, residentId, messageData(b, slot))
                            .call(() -> policies.of(slot.serviceType()).onBooked(b, persons, messageData(b, slot)))
                            .replaceWith(b);
                }));
    }

    /**
     * A domain's message about one of its bookings (a video session's link is ready), recorded in the caller's
     * transaction like the engine's own (a discreet booking's stays in the inbox); {@code event} makes it once.
     */
    public Uni<Void> tell(Booking booking, String template, String event) {
        return inventory.read(booking.slotId).flatMap(slot -> outbox.record("booking:" + booking.id + ":" + event, template,
                booking.residentId, messageData(booking, slot)));
    }

    /** A walk-in: booked by staff for a person present, checked in at once; null if they are already booked. */
    Uni<Booking> insert(Mutiny.Session session, long staffId, SlotInfo slot, People.Person person, int units, String limitKey) {
        Instant now = clock.instant();
        Booking booking = Booking.of(slot, units, BookingStatus.CHECKED_IN, now);
        booking.createdByStaff = staffId;
        booking.checkedInAt = now;
        booking.checkedInBy = staffId;
        return bookings.persist(booking).call(bookings::flush)
                .flatMap(b -> insertPeople(session, b.id, List.of(person), limitKey).flatMap(inserted -> inserted == 1
                        ? Uni.createFrom().item(b)
                        : bookings.delete(b).call(bookings::flush).replaceWith((Booking) null)));
    }

    /** Inserts the people; a person already active in the scope is skipped (not an error): count says. */
    private Uni<Integer> insertPeople(Mutiny.Session session, long bookingId, List<People.Person> persons, String limitKey) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (People.Person p : persons) {
            chain = chain.flatMap(count -> session.createNativeQuery("""
                    INSERT INTO booking_person (booking_id, person_ref, id_number_index, name_enc, limit_key, active)
                    VALUES (:booking, :ref, :index, :name, :limit, TRUE)
                    ON CONFLICT (limit_key, id_number_index) WHERE active AND limit_key IS NOT NULL DO NOTHING""")
                    .setParameter("booking", bookingId).setParameter("ref", p.reference())
                    .setParameter("index", p.idNumberIndex()).setParameter("name", cipher.seal(NAME_COLUMN, p.name()))
                    .setParameter("limit", limitKey)
                    .executeUpdate().map(inserted -> count + inserted));
        }
        return chain;
    }

    /**
     * Cancels a resident's own booking before the policy's cut-off. Its units go to the waitlist or back
     * to the slot in the same transaction. Cancelling a cancelled booking answers it again.
     */
    public Uni<BookingView> cancel(long residentId, long bookingId) {
        Released released = new Released();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> bookings
                .find("id = ?1 AND residentId = ?2", bookingId, residentId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .flatMap(booking -> {
                    if (booking == null) {
                        throw new DomainException(404, "BOOKING_NOT_FOUND");
                    }
                    if (booking.status == BookingStatus.CANCELLED) {
                        return Uni.createFrom().item((Long) null);
                    }
                    if (booking.status != BookingStatus.CONFIRMED && booking.status != BookingStatus.PENDING) {
                        throw new DomainException(409, "NOT_CANCELLABLE");
                    }
                    return inventory.read(booking.slotId).flatMap(slot -> {
                        BookingPolicy policy = policies.of(booking.serviceType);
                        if (clock.instant().isAfter(policy.cancellableUntil(slot))) {
                            throw new DomainException(409, "CANCELLATION_CLOSED");
                        }
                        return end(session, booking, BookingStatus.CANCELLED, slot, released).replaceWith(slot.id());
                    });
                })
                // answered inside the transaction, on its connection: a second one, wanted after the commit, could
                // be refused under load (503) for a cancellation already made
                .flatMap(ignored -> one(residentId, bookingId))))
                .call(() -> released.tellGate(gate));
    }

    /**
     * Moves a booking to another slot of the same service in one transaction: the new units are taken
     * before the old ones are released, so the person never has zero or two bookings; if anything
     * fails, nothing changed.
     */
    public Uni<BookingView> reschedule(long residentId, long bookingId, long newSlotId) {
        return Panache.withSession(() -> bookings.find("id = ?1 AND residentId = ?2", bookingId, residentId).firstResult())
                .flatMap(current -> {
                    if (current == null) {
                        throw new DomainException(404, "BOOKING_NOT_FOUND");
                    }
                    return inventory.read(newSlotId).flatMap(target -> {
                        BookingPolicy policy = bookable(target);
                        if (!policy.reschedulable()) {
                            throw new DomainException(409, "RESCHEDULE_NOT_OFFERED");
                        }
                        if (!target.serviceType().equals(current.serviceType)) {
                            throw new DomainException(409, "RESCHEDULE_OTHER_SERVICE");
                        }
                        if (target.id() == current.slotId) {
                            return one(residentId, bookingId);
                        }
                        if (current.parkingUnits > 0 && target.parkingCapacity() == null) {
                            throw new DomainException(409, "NO_PARKING_HERE");
                        }
                        return gate.reserve(target, current.units, current.parkingUnits, List.of())
                                .onFailure(SlotGate.GateRefusal.class).transform(f -> new DomainException(409,
                                        ((SlotGate.GateRefusal) f).outcome() == SlotGate.Outcome.NO_PARKING ? "PARKING_FULL" : "SLOT_FULL"))
                                .flatMap(reservation -> {
                                    Released released = new Released();
                                    return move(residentId, bookingId, target, policy, released)
                                            .onFailure(DatabaseErrors::uniqueViolation)
                                            .transform(f -> new DomainException(409, "ALREADY_BOOKED"))
                                            .onFailure().call(f -> gate.release(reservation))
                                            .call(() -> released.tellGate(gate));
                                });
                    });
                });
    }

    /** The move itself, answered on its transaction's connection (as a cancellation is). */
    private Uni<BookingView> move(long residentId, long bookingId, SlotInfo target, BookingPolicy policy, Released released) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> bookings
                .find("id = ?1 AND residentId = ?2", bookingId, residentId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .flatMap(booking -> {
                    if (booking.status != BookingStatus.CONFIRMED) {
                        throw new DomainException(409, "NOT_RESCHEDULABLE");
                    }
                    long oldSlotId = booking.slotId;
                    return inventory.read(oldSlotId).flatMap(old -> {
                        if (clock.instant().isAfter(policy.cancellableUntil(old))) {
                            throw new DomainException(409, "CANCELLATION_CLOSED");
                        }
                        return inventory.take(session, target.id(), booking.units, booking.parkingUnits).flatMap(taken -> {
                            if (!taken) {
                                return shortOf(target.id(), booking.units);
                            }
                            booking.slotId = target.id();
                            booking.day = target.day();
                            booking.servicePointId = target.servicePointId();
                            booking.updatedAt = clock.instant();
                            return inventory.lockBooked(session, oldSlotId).flatMap(before -> inventory
                                    .giveBack(session, oldSlotId, booking.units, booking.parkingUnits)
                                    .call(() -> session.createNativeQuery(
                                            "UPDATE booking_person SET limit_key = :limit WHERE booking_id = :id")
                                            .setParameter("limit", policy.limitKey(target)).setParameter("id", booking.id)
                                            .executeUpdate())
                                    .call(() -> bookings.flush())
                                    .call(() -> outbox.record("booking:" + booking.id + ":RESCHEDULED:" + target.id(),
                                            "BOOKING_RESCHEDULED", residentId, messageData(booking, target)))
                                    .call(() -> waitlist.offerFreedUnits(session, old))
                                    .call(() -> inventory.lockBooked(session, oldSlotId)
                                            .invoke(after -> released.freed(oldSlotId, before - after, booking.parkingUnits))));
                        });
                    });
                })
                .flatMap(moved -> one(residentId, bookingId))));
    }

    /**
     * Books again, for the same people, car and details, a booking the bureau cancelled (a closed
     * window): in one transaction the new slot's units and parking are taken, the people are booked there
     * under the policy's limit, and the old booking points at the new one. Asking twice answers the
     * booking made the first time. {@code guard} sees the locked old booking and the target and throws when
     * this move is not offered (another cemetery, a day too far).
     */
    public Uni<BookingView> rebook(long residentId, long bookingId, long slotId,
            java.util.function.BiConsumer<Booking, SlotInfo> guard) {
        return inventory.read(slotId).flatMap(target -> {
            if (target == null) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
            if (target.closed()) {
                throw new DomainException(409, "SLOT_CLOSED");
            }
            BookingPolicy policy = policies.of(target.serviceType());
            int[] taken = new int[2];
            return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> bookings
                    .find("id = ?1 AND residentId = ?2", bookingId, residentId).withLock(LockModeType.PESSIMISTIC_WRITE)
                    .firstResult()
                    .flatMap(old -> {
                        if (old == null) {
                            throw new DomainException(404, "BOOKING_NOT_FOUND");
                        }
                        if (old.details != null && old.details.get(REBOOKED_AS) instanceof Number done) {
                            return Uni.createFrom().item(done.longValue());
                        }
                        if (old.status != BookingStatus.CANCELLED || old.details == null
                                || !old.details.containsKey(CANCELLED_BY_BUREAU)) {
                            throw new DomainException(409, "NOT_REBOOKABLE");
                        }
                        if (!old.serviceType.equals(target.serviceType())) {
                            throw new DomainException(409, "RESCHEDULE_OTHER_SERVICE");
                        }
                        guard.accept(old, target);
                        return inventory.take(session, target.id(), old.units, old.parkingUnits).flatMap(ok -> {
                            if (!ok) {
                                return shortOf(target.id(), old.units);
                            }
                            taken[0] = old.units;
                            taken[1] = old.parkingUnits;
                            return copy(session, old, target, policy.limitKey(target));
                        });
                    })
                    .flatMap(id -> one(residentId, id)))) // answered on the transaction's connection
                    .onFailure(DatabaseErrors::uniqueViolation).transform(f -> new DomainException(409, "ALREADY_BOOKED"))
                    .call(() -> taken[0] == 0 ? Uni.createFrom().voidItem() : gate.adjust(target.id(), -taken[0], -taken[1]));
        });
    }

    /** The new booking of a rebooking: same people (under the new limit key), details and sealed details. */
    private Uni<Long> copy(Mutiny.Session session, Booking old, SlotInfo target, String limitKey) {
        Booking booking = Booking.of(target, old.units, BookingStatus.CONFIRMED, clock.instant());
        booking.residentId = old.residentId;
        booking.parkingUnits = old.parkingUnits;
        booking.sealedDetails = old.sealedDetails;
        Map<String, Object> details = new LinkedHashMap<>(old.details);
        details.remove(CANCELLED_BY_BUREAU);
        details.put("rebookedFrom", old.id);
        booking.details = details;
        return bookings.persist(booking).call(bookings::flush).flatMap(b -> session.createNativeQuery("""
                INSERT INTO booking_person (booking_id, person_ref, id_number_index, name_enc, limit_key, active)
                SELECT :booking, person_ref, id_number_index, name_enc, :limit, TRUE FROM booking_person WHERE booking_id = :old
                ON CONFLICT (limit_key, id_number_index) WHERE active AND limit_key IS NOT NULL DO NOTHING""")
                .setParameter("booking", b.id).setParameter("limit", limitKey).setParameter("old", old.id)
                .executeUpdate()
                .flatMap(inserted -> session.createNativeQuery("SELECT count(*) FROM booking_person WHERE booking_id = :old",
                        Long.class).setParameter("old", old.id).getSingleResult().invoke(people -> {
                            if (inserted < people) {
                                throw new DomainException(409, "ALREADY_BOOKED");
                            }
                        }))
                .call(() -> {
                    Map<String, Object> oldDetails = new LinkedHashMap<>(old.details);
                    oldDetails.put(REBOOKED_AS, b.id);
                    old.details = oldDetails;
                    old.updatedAt = clock.instant();
                    return bookings.flush();
                })
                .call(() -> outbox.record("booking:" + b.id + ":CONFIRMED", "BOOKING_CONFIRMED", b.residentId,
                        messageData(b, target)))
                // the bureau's cancellation gave back what the old booking took: the new one takes it again (only
                // then are the people looked up as the resident acts for them now: a revoked dependant stops it)
                .call(() -> !policies.of(b.serviceType).takesOnBooked() ? Uni.createFrom().voidItem()
                        : peopleOf(session, old).flatMap(persons -> policies.of(b.serviceType)
                                .onBooked(b, persons, messageData(b, target))))
                .replaceWith(b.id));
    }

    /** The people of a resident's booking, as the resident acts for them now (a revoked dependant: 404). */
    private Uni<List<People.Person>> peopleOf(Mutiny.Session session, Booking booking) {
        return session.createNativeQuery("""
                SELECT person_ref FROM booking_person WHERE booking_id = :id
                ORDER BY person_ref NOT LIKE 'resident:%', person_ref""", String.class)
                .setParameter("id", booking.id).getResultList()
                .flatMap(refs -> resolve(booking.residentId, refs.stream().map(Bookings::dependantOf).toList()));
    }

    /** The dependant a person reference names, null for the resident themselves. */
    static Long dependantOf(String personRef) {
        if (personRef.startsWith("resident:")) {
            return null;
        }
        if (!personRef.startsWith("dependant:")) {
            throw new IllegalArgumentException("not a resident's person: " + personRef);
        }
        return Long.parseLong(personRef.substring("dependant:".length()));
    }

    /** Whether the booking names the person with this ID number (by its blind index). */
    public Uni<Boolean> names(long bookingId, byte[] idNumberIndex) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT count(*) FROM booking_person WHERE booking_id = :id AND id_number_index = :person", Long.class)
                .setParameter("id", bookingId).setParameter("person", idNumberIndex).getSingleResult()))
                .map(count -> count > 0);
    }

    /** A booking's sealed details, opened (for the staff serving it: a gate comparing a plate). */
    public Uni<Map<String, String>> sealedDetails(long bookingId) {
        return Panache.withSession(() -> bookings.findById(bookingId))
                .map(b -> b == null ? Map.<String, String>of() : sealedDetails(b));
    }

    /** Confirms a hold offered from the waitlist, before its deadline. */
    public Uni<BookingView> confirmOffer(long residentId, long bookingId) {
        return confirmHold(bookingId, booking -> {
            if (booking == null || booking.residentId != residentId || booking.details == null
                    || !booking.details.containsKey(WAITLIST_ENTRY)) {
                throw new DomainException(404, "BOOKING_NOT_FOUND");
            }
        }, () -> one(residentId, bookingId));
    }

    /**
     * Confirms a hold before its deadline (an offer taken, a partner's consent); {@code guard} sees the
     * locked booking (null if none) and throws when the caller may not. Confirming twice is a no-op. {@code then}
     * runs in the same transaction, after it: the caller's own changes and its answer, which a second connection,
     * wanted after the commit, could see refused under load for a confirmation already made.
     */
    public <T> Uni<T> confirmHold(long bookingId, java.util.function.Consumer<Booking> guard, Supplier<Uni<T>> then) {
        return Panache.withTransaction(() -> bookings.findById(bookingId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(booking -> {
                    guard.accept(booking);
                    if (booking.status == BookingStatus.CONFIRMED) {
                        return Uni.createFrom().voidItem();
                    }
                    if (booking.status != BookingStatus.PENDING || !clock.instant().isBefore(booking.holdUntil)) {
                        throw new DomainException(409, "HOLD_EXPIRED");
                    }
                    booking.status = BookingStatus.CONFIRMED;
                    booking.holdUntil = null;
                    booking.updatedAt = clock.instant();
                    return bookings.flush().call(() -> inventory.read(booking.slotId).flatMap(slot -> outbox.record(
                            "booking:" + booking.id + ":CONFIRMED", "BOOKING_CONFIRMED", booking.residentId,
                            messageData(booking, slot)))).replaceWithVoid();
                })
                .flatMap(confirmed -> then.get()));
    }

    /**
     * Ends a hold someone turned down (a partner declining): units back to the slot or its waitlist, the
     * booker told ({@code BOOKING_DECLINED}). {@code guard} and {@code then} as for {@link #confirmHold}; twice is a
     * no-op.
     */
    public <T> Uni<T> declineHold(long bookingId, java.util.function.Consumer<Booking> guard, Supplier<Uni<T>> then) {
        Released released = new Released();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> bookings
                .findById(bookingId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(booking -> {
                    guard.accept(booking);
                    if (booking.status == BookingStatus.DECLINED) {
                        return Uni.createFrom().voidItem();
                    }
                    if (booking.status != BookingStatus.PENDING) {
                        throw new DomainException(409, "HOLD_EXPIRED");
                    }
                    return inventory.read(booking.slotId)
                            .flatMap(slot -> end(session, booking, BookingStatus.DECLINED, slot, released));
                })
                .flatMap(declined -> then.get())))
                .call(() -> released.tellGate(gate));
    }

    /** Expires holds whose deadline passed (safe on every replica: rows are claimed with SKIP LOCKED). */
    public Uni<Integer> expireDueHolds() {
        Released released = new Released();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT id FROM booking WHERE status = 'PENDING' AND hold_until <= :now
                ORDER BY hold_until LIMIT 100 FOR UPDATE SKIP LOCKED""", Long.class)
                .setParameter("now", clock.instant()).getResultList()
                .flatMap(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Long id : ids) {
                        chain = chain.flatMap(ignored -> bookings.findById(id)).flatMap(booking -> inventory.read(booking.slotId)
                                .flatMap(slot -> end(session, booking, BookingStatus.EXPIRED, slot, released)));
                    }
                    return chain.replaceWith(ids.size());
                })))
                .call(() -> released.tellGate(gate));
    }

    /** A resident's own booking, with the QR pass for the counter while it is confirmed. */
    public Uni<BookingView> one(long residentId, long bookingId) {
        return views.one(residentId, bookingId)
                .onItem().ifNull().failWith(() -> new DomainException(404, "BOOKING_NOT_FOUND"))
                .map(this::withPass);
    }

    /** A resident's bookings of one service type on the days {@code from..to}, in time order, with their passes. */
    public Uni<List<BookingView>> mine(long residentId, String serviceType, LocalDate from, LocalDate to) {
        return views.ofResident(residentId, serviceType, from, to).map(list -> list.stream().map(this::withPass).toList());
    }

    private BookingView withPass(BookingView b) {
        return b.status() == BookingStatus.CONFIRMED || b.status() == BookingStatus.CHECKED_IN
                ? b.withQr(passes.issue(b.id(), b.day())) : b;
    }

    /** Masked, the resident first, as {@link BookingViews} orders them. */
    private static List<BookingView.PersonView> peopleOf(List<People.Person> persons) {
        return persons.stream()
                .map(p -> new BookingView.PersonView(p.reference(), Masks.name(p.name()), false))
                .sorted(java.util.Comparator.comparing((BookingView.PersonView p) -> !p.reference().startsWith("resident:"))
                        .thenComparing(BookingView.PersonView::reference))
                .toList();
    }

    /**
     * Ends a booking that holds units: status, people no longer active, units back to the slot, the policy's
     * {@code onReleased}, outbox row, a waitlist entry it was offered from marked passed; then the freed units
     * go to the waitlist. Every way a live booking ends passes here.
     */
    Uni<Void> end(Mutiny.Session session, Booking booking, BookingStatus to, SlotInfo slot, Released released) {
        return end(session, booking, to, slot, released, "BOOKING_" + to, Map.of());
    }

    /**
     * Cancels a live booking on the bureau's decision (a closed cemetery), in the caller's transaction:
     * as a resident's cancellation but at any time, telling the booker with {@code template} and the extra
     * data (the reason, what they may rebook). What it freed goes into {@code released}, for
     * {@link #settle} after commit. A booking no longer live is left alone: false.
     */
    public Uni<Boolean> cancelByBureau(Mutiny.Session session, Booking booking, SlotInfo slot, String template,
            Map<String, Object> extra, Released released) {
        if (booking.status != BookingStatus.CONFIRMED && booking.status != BookingStatus.PENDING) {
            return Uni.createFrom().item(false);
        }
        Map<String, Object> details = new LinkedHashMap<>(booking.details == null ? Map.of() : booking.details);
        details.put(CANCELLED_BY_BUREAU, extra.getOrDefault("reason", "closure"));
        booking.details = details;
        return end(session, booking, BookingStatus.CANCELLED, slot, released, template, extra).replaceWith(true);
    }

    /** Tells the Redis gate what ended bookings freed, once their transaction committed. */
    public Uni<Void> settle(Released released) {
        return released.tellGate(gate);
    }

    private Uni<Void> end(Mutiny.Session session, Booking booking, BookingStatus to, SlotInfo slot, Released released,
            String template, Map<String, Object> extra) {
        Object entry = booking.details == null ? null : booking.details.get(WAITLIST_ENTRY);
        booking.status = to;
        booking.holdUntil = null;
        booking.updatedAt = clock.instant();
        return inventory.lockBooked(session, booking.slotId).flatMap(before -> session.createNativeQuery(
                "UPDATE booking_person SET active = FALSE WHERE booking_id = :id RETURNING limit_key, id_number_index",
                Object[].class).setParameter("id", booking.id).getResultList()
                .invoke(rows -> rows.stream().filter(r -> r[0] != null)
                        .forEach(r -> released.marker(SlotGate.markerKey((String) r[0], (byte[]) r[1]))))
                .flatMap(rows -> inventory.giveBack(session, booking.slotId, booking.units, booking.parkingUnits))
                .call(() -> bookings.flush())
                .call(() -> policies.of(booking.serviceType).onReleased(booking))
                .call(() -> {
                    Map<String, Object> data = messageData(booking, slot);
                    data.putAll(extra);
                    return outbox.record("booking:" + booking.id + ":" + to, template, booking.residentId, data);
                })
                .call(() -> entry == null ? Uni.createFrom().voidItem()
                        : waitlist.offerPassed(session, ((Number) entry).longValue()))
                .call(() -> waitlist.offerFreedUnits(session, slot))
                .call(() -> inventory.lockBooked(session, booking.slotId)
                        .invoke(after -> released.freed(booking.slotId, before - after, booking.parkingUnits))))
                .call(() -> endChained(session, booking.id, released));
    }

    /** Cancels the live bookings chained to one that ended (a ceremony whose registration is off). */
    private Uni<Void> endChained(Mutiny.Session session, long bookingId, Released released) {
        return session.createNativeQuery("""
                SELECT id FROM booking WHERE (details ->> 'chainedTo')::bigint = :id
                  AND status IN ('PENDING', 'CONFIRMED') ORDER BY id FOR UPDATE""", Long.class)
                .setParameter("id", bookingId).getResultList()
                .flatMap(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Long id : ids) {
                        chain = chain.flatMap(ignored -> bookings.findById(id)).flatMap(chained -> inventory
                                .read(chained.slotId).flatMap(slot -> end(session, chained, BookingStatus.CANCELLED, slot, released)));
                    }
                    return chain;
                });
    }

    /**
     * Cancels what is chained to a booking that ended at the counter (a registration refused), in the caller's
     * transaction, which locked that booking; what it freed goes into {@code released}, for {@link #settle} after the
     * commit. Harmless to repeat.
     */
    public Uni<Void> cancelChained(long bookingId, Released released) {
        return Panache.getSession().flatMap(session -> endChained(session, bookingId, released));
    }

    /**
     * What ending bookings freed, told to the gate after commit: the net units per slot (after any went
     * to the waitlist) as relative increments, which stay exact whatever else is in flight, and the
     * people's in-flight markers.
     */
    public static final class Released {
        private final Map<Long, int[]> freed = new LinkedHashMap<>();
        private final List<String> markers = new ArrayList<>();

        /** {@code net} units and {@code parking} places of the slot are free again. */
        void freed(long slotId, int net, int parking) {
            int[] both = freed.computeIfAbsent(slotId, id -> new int[2]);
            both[0] += net;
            both[1] += parking;
        }

        void marker(String key) {
            markers.add(key);
        }

        Uni<Void> tellGate(SlotGate gate) {
            Uni<Void> chain = gate.forget(List.copyOf(markers));
            for (Map.Entry<Long, int[]> e : freed.entrySet()) {
                int[] both = e.getValue();
                if (both[0] != 0 || both[1] != 0) {
                    chain = chain.flatMap(ignored -> gate.adjust(e.getKey(), both[0], both[1]));
                }
            }
            return chain;
        }
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
        if (b.holdUntil != null) {
            data.put("holdUntil", b.holdUntil.toString());
        }
        if (b.details != null && Boolean.TRUE.equals(b.details.get(DISCREET))) {
            data.put(Outbox.DISCREET, true);
        }
        return data;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
