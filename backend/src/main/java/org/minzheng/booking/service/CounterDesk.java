package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.BookingStatus;
import org.minzheng.booking.BookingView;
import org.minzheng.booking.ReferenceCode;
import org.minzheng.booking.repository.BookingRepository;
import org.minzheng.booking.repository.BookingViews;
import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.crypto.PersonalDataCipher;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.time.ClockProducer;
import org.minzheng.identity.IdNumber;
import org.minzheng.identity.service.People;
import org.minzheng.identity.service.PersonalFields;
import org.minzheng.identity.service.Principal;
import org.minzheng.notify.Outbox;

/**
 * The counter and gate side: today's list, check-in by QR pass or typed reference, completing a visit
 * and recording a no-show. Staff act only at the service points they are scoped to (administrators
 * anywhere); every change is audited and leaves an outbox row.
 */
@ApplicationScoped
public class CounterDesk {

    /** How long a check-in may be taken back. */
    public static final Duration UNDO_WITHIN = Duration.ofMinutes(1);

    public enum CheckInResult {
        CHECKED_IN, ALREADY_CHECKED_IN,
        /** One person of a booking that needs everyone is here; {@code waitingFor} more to come. */
        PERSON_CHECKED_IN
    }

    /** {@code waitingFor}: people of the booking still to check in (0 once it is checked in). */
    public record CheckIn(CheckInResult result, int waitingFor, BookingView booking) {
    }

    private record Arrival(CheckInResult result, int waitingFor) {
    }

    public record Day(LocalDate date, int expected, int checkedIn, int noShow, List<BookingView> bookings) {

        /** The day of these bookings, counted. */
        public static Day of(LocalDate date, List<BookingView> list) {
            return new Day(date,
                    (int) list.stream().filter(b -> b.status() == BookingStatus.CONFIRMED || b.status() == BookingStatus.CHECKED_IN
                            || b.status() == BookingStatus.COMPLETED || b.status() == BookingStatus.NO_SHOW).count(),
                    (int) list.stream().filter(b -> b.status() == BookingStatus.CHECKED_IN || b.status() == BookingStatus.COMPLETED).count(),
                    (int) list.stream().filter(b -> b.status() == BookingStatus.NO_SHOW).count(),
                    list);
        }
    }

    /**
     * Books for a person standing at the counter (who may have no account): validated ID number, the
     * service's rules on units and one booking per person, taken from the slot like any booking and
     * checked in at once.
     */
    public Uni<BookingView> walkIn(Principal staff, long servicePointId, long slotId, String name, String rawIdNumber,
            Integer partySize) {
        requireScope(staff, servicePointId);
        IdNumber id = IdNumber.parse(rawIdNumber, LocalDate.now(clock), "idNumber");
        People.Person person = new People.Person("walk-in", name.strip(), id.value(),
                cipher.blindIndex(PersonalFields.ID_NUMBER, id.value()), id.birthDate(), id.sex());
        return inventory.read(slotId).flatMap(slot -> {
            if (slot == null || slot.servicePointId() != servicePointId) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
            BookingPolicy policy = policies.of(slot.serviceType());
            if (!policy.walkInsOffered()) {
                throw new DomainException(409, "WALK_IN_NOT_OFFERED");
            }
            if (slot.closed() || !slot.day().equals(LocalDate.now(clock)) || clock.instant().isAfter(slot.endInstant())) {
                throw new DomainException(409, "OUTSIDE_BOOKING_WINDOW");
            }
            int units = Bookings.units(policy, List.of(person), partySize);
            return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> inventory.take(session, slot.id(), units)
                    .flatMap(taken -> {
                        if (!taken) {
                            throw new DomainException(409, "SLOT_FULL");
                        }
                        return walkIns.insert(session, staff.id(), slot, person, units, policy.limitKey(slot));
                    })
                    .flatMap(booking -> {
                        if (booking == null) {
                            throw new DomainException(409, "ALREADY_BOOKED");
                        }
                        return audit.record(Actor.staff(staff.id()), "BOOKING_WALK_IN", "booking:" + booking.id, null)
                                .chain(() -> views.byId(booking.id)); // answered on the transaction's connection
                    })))
                    .call(ignored -> gate.adjust(slot.id(), -units));
        });
    }

    /** A confirmed booking nobody came for becomes a no-show this long after its slot ended. */
    static final Duration NO_SHOW_GRACE = Duration.ofMinutes(30);

    private final BookingViews views;
    private final BookingRepository bookings;
    private final BookingPasses passes;
    private final SlotInventory inventory;
    private final AuditLog audit;
    private final Outbox outbox;
    private final BookingPolicies policies;
    private final Bookings walkIns;
    private final SlotGate gate;
    private final PersonalDataCipher cipher;
    private final ServicePoints points;
    private final Clock clock;

    public CounterDesk(BookingViews views, BookingRepository bookings, BookingPasses passes, SlotInventory inventory,
            AuditLog audit, Outbox outbox, BookingPolicies policies, Bookings walkIns, SlotGate gate,
            PersonalDataCipher cipher, ServicePoints points, Clock clock) {
        this.views = views;
        this.bookings = bookings;
        this.passes = passes;
        this.inventory = inventory;
        this.audit = audit;
        this.outbox = outbox;
        this.policies = policies;
        this.walkIns = walkIns;
        this.gate = gate;
        this.cipher = cipher;
        this.points = points;
        this.clock = clock;
    }

    public Uni<Day> day(Principal staff, long servicePointId, LocalDate date) {
        requireScope(staff, servicePointId);
        return views.ofPointAndDay(servicePointId, date)
                .map(list -> Day.of(date, list.stream().filter(b -> serves(staff, b.serviceType())).toList()));
    }

    /**
     * Checks in whoever shows a pass or reads out a reference at this point. Idempotent: a second scan
     * answers {@code ALREADY_CHECKED_IN} with the same booking.
     */
    public Uni<CheckIn> checkIn(Principal staff, long servicePointId, String code) {
        return checkIn(staff, servicePointId, code, null);
    }

    /**
     * As above; for a booking whose every person must be present, {@code idNumber} (read from the ID
     * card) names the person arriving, and the booking is checked in when the last one is.
     */
    public Uni<CheckIn> checkIn(Principal staff, long servicePointId, String code, String idNumber) {
        return checkIn(staff, servicePointId, code, idNumber, view -> Uni.createFrom().voidItem());
    }

    /**
     * As above, with the domain's own check of the arrival ({@code alsoCheck}: a gate comparing the car's
     * plate), run once the booking is known to be this point's (or site's), today's and in its window.
     */
    public Uni<CheckIn> checkIn(Principal staff, long servicePointId, String code, String idNumber,
            Function<BookingView, Uni<Void>> alsoCheck) {
        requireScope(staff, servicePointId);
        return find(code).call(view -> where(view, servicePointId)).flatMap(view -> {
            requireServes(staff, view.serviceType());
            if (!view.day().equals(LocalDate.now(clock))) {
                throw new DomainException(409, "WRONG_DAY", List.of(), Map.of(), view.day().toString());
            }
            BookingPolicy policy = policies.of(view.serviceType());
            if (policy.checkInOpensBefore() != null) {
                Instant now = clock.instant();
                ZonedDateTime starts = ZonedDateTime.of(view.day(), view.startsAt(), ClockProducer.ZONE);
                Instant opens = starts.minus(policy.checkInOpensBefore()).toInstant();
                if (now.isBefore(opens)) {
                    throw new DomainException(409, "TOO_EARLY_FOR_WINDOW", List.of(), Map.of(),
                            opens.atZone(ClockProducer.ZONE).toLocalTime().toString());
                }
                if (now.isAfter(ZonedDateTime.of(view.day(), view.endsAt(), ClockProducer.ZONE).toInstant())) {
                    throw new DomainException(409, "WINDOW_PASSED", List.of(), Map.of(), view.endsAt().toString());
                }
            }
            boolean everyone = policy.everyoneChecksIn();
            if (everyone && (idNumber == null || idNumber.isBlank())) {
                throw new DomainException(400, "ID_NUMBER_REQUIRED", List.of(new FieldError("idNumber", "ID_NUMBER_REQUIRED", null)),
                        Map.of());
            }
            byte[] person = everyone
                    ? cipher.blindIndex(PersonalFields.ID_NUMBER, IdNumber.parse(idNumber, LocalDate.now(clock), "idNumber").value())
                    : null;
            return alsoCheck.apply(view).chain(() -> Panache.withTransaction(() -> lock(view.id()).flatMap(booking -> {
                if (booking.status == BookingStatus.CHECKED_IN || booking.status == BookingStatus.COMPLETED) {
                    return Uni.createFrom().item(new Arrival(CheckInResult.ALREADY_CHECKED_IN, 0));
                }
                if (booking.status != BookingStatus.CONFIRMED) {
                    throw new DomainException(409, "NOT_CHECKABLE", List.of(), Map.of(), booking.status.name());
                }
                Uni<Integer> waiting = person == null ? Uni.createFrom().item(0) : arrived(booking.id, person);
                return waiting.flatMap(left -> {
                    if (left > 0) {
                        return Uni.createFrom().item(new Arrival(CheckInResult.PERSON_CHECKED_IN, left));
                    }
                    booking.status = BookingStatus.CHECKED_IN;
                    booking.checkedInAt = clock.instant();
                    booking.checkedInBy = staff.id();
                    return changed(staff, booking, "BOOKING_CHECKED_IN", new ArrayList<>())
                            .replaceWith(new Arrival(CheckInResult.CHECKED_IN, 0));
                });
            })
            // answered on the transaction's connection: a second one, after the commit, could be refused under load
            .flatMap(result -> views.byId(view.id()).map(b -> new CheckIn(result.result(), result.waitingFor(), b)))));
        });
    }

    /**
     * Takes back a mistaken check-in (the wrong pass scanned) within {@link #UNDO_WITHIN} of it, by whoever made it
     * (at any gate of the site) or staff of the booking's point: the booking is confirmed again, its people not yet
     * arrived. Audited; the resident's message about the check-in stays (it did happen, and was taken back).
     */
    public Uni<BookingView> undoCheckIn(Principal staff, long bookingId) {
        return Panache.withTransaction(() -> lock(bookingId).flatMap(booking -> {
            if (!java.util.Objects.equals(booking.checkedInBy, staff.id())) {
                requireScope(staff, booking.servicePointId);
            }
            requireServes(staff, booking.serviceType);
            if (booking.status != BookingStatus.CHECKED_IN) {
                throw new DomainException(409, "NOT_CHECKED_IN", List.of(), Map.of(), booking.status.name());
            }
            if (booking.checkedInAt == null || clock.instant().isAfter(booking.checkedInAt.plus(UNDO_WITHIN))) {
                throw new DomainException(409, "UNDO_EXPIRED", List.of(), Map.of(), UNDO_WITHIN.toSeconds());
            }
            booking.status = BookingStatus.CONFIRMED;
            booking.checkedInAt = null;
            booking.checkedInBy = null;
            booking.updatedAt = clock.instant();
            return Panache.getSession().flatMap(s -> s.createNativeQuery(
                    "UPDATE booking_person SET checked_in_at = NULL WHERE booking_id = :id").setParameter("id", bookingId)
                    .executeUpdate())
                    .call(() -> bookings.flush())
                    .call(() -> audit.record(Actor.staff(staff.id()), "BOOKING_CHECK_IN_UNDONE", "booking:" + bookingId, null));
        }).flatMap(ignored -> views.byId(bookingId))); // answered on the transaction's connection
    }

    /** The booking a QR pass or a typed reference names; 404 when none. */
    public Uni<BookingView> find(String code) {
        Uni<BookingView> found = code != null && code.strip().startsWith("MZB1.")
                ? views.byId(passes.verify(code))
                : views.byReference(ReferenceCode.parse(code)
                        .orElseThrow(() -> new DomainException(400, "INVALID_REFERENCE")));
        return found.onItem().ifNull().failWith(() -> new DomainException(404, "BOOKING_NOT_FOUND"));
    }

    /**
     * The booking must be for this point, or, where its policy allows, for any point of the same site (any
     * gate of the cemetery): otherwise 409 WRONG_SERVICE_POINT or WRONG_SITE.
     */
    private Uni<Void> where(BookingView view, long servicePointId) {
        if (view.servicePointId() == servicePointId) {
            return Uni.createFrom().voidItem();
        }
        if (!policies.of(view.serviceType()).checksInAnywhereOnSite()) {
            throw new DomainException(409, "WRONG_SERVICE_POINT", List.of(), Map.of(), view.servicePointId());
        }
        return points.get(view.servicePointId()).flatMap(booked -> points.get(servicePointId).invoke(here -> {
            long bookedSite = booked.siteId == null ? booked.id : booked.siteId;
            long hereSite = here.siteId == null ? here.id : here.siteId;
            if (bookedSite != hereSite) {
                throw new DomainException(409, "WRONG_SITE", List.of(), Map.of(), bookedSite);
            }
        })).replaceWithVoid();
    }

    /** Completes a checked-in visit of a type whose visit decides nothing the engine must record. */
    public Uni<BookingView> complete(Principal staff, long bookingId) {
        return complete(staff, bookingId, booking -> {
            if (policies.of(booking.serviceType).completesWithOutcome()) {
                throw new DomainException(409, "OUTCOME_REQUIRED");
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Completes a checked-in visit; {@code alongside} runs in the same transaction with the locked
     * booking, for what the visit decided (a divorce application received, a registration refused).
     */
    public Uni<BookingView> complete(Principal staff, long bookingId, Function<Booking, Uni<Void>> alongside) {
        return transition(staff, bookingId, Set.of(BookingStatus.CHECKED_IN), BookingStatus.COMPLETED, "NOT_CHECKED_IN", alongside);
    }

    /**
     * Records as held, once its slot started, a visit nobody checks in for at a counter (a session by phone or
     * video): confirmed, checked in, or marked missed (by the clock or by mistake) becomes completed.
     */
    public Uni<BookingView> held(Principal staff, long bookingId) {
        return transition(staff, bookingId, Set.of(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW),
                BookingStatus.COMPLETED, "NOT_CONFIRMED", booking -> Uni.createFrom().voidItem());
    }

    /** A clerk records a no-show once the slot has started. */
    public Uni<BookingView> noShow(Principal staff, long bookingId) {
        return transition(staff, bookingId, Set.of(BookingStatus.CONFIRMED), BookingStatus.NO_SHOW, "NOT_CONFIRMED",
                booking -> Uni.createFrom().voidItem());
    }

    /** Marks confirmed bookings nobody came for, once their slot ended; safe on every replica. */
    public Uni<Integer> markMissed() {
        Instant now = clock.instant();
        List<String> freed = new ArrayList<>();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT b.id FROM booking b JOIN slot s ON s.id = b.slot_id
                WHERE b.status = 'CONFIRMED' AND b.day <= :today
                  AND (b.day + s.ends_at) AT TIME ZONE 'Asia/Shanghai' < :cutoff
                ORDER BY b.id LIMIT 200 FOR UPDATE OF b SKIP LOCKED""", Long.class)
                .setParameter("today", LocalDate.now(clock)).setParameter("cutoff", now.minus(NO_SHOW_GRACE))
                .getResultList()
                .flatMap(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Long id : ids) {
                        chain = chain.flatMap(ignored -> bookings.findById(id)).flatMap(booking -> {
                            booking.status = BookingStatus.NO_SHOW;
                            return changed(null, booking, "BOOKING_NO_SHOW", freed);
                        });
                    }
                    return chain.replaceWith(ids.size());
                }))).call(() -> gate.forget(freed));
    }

    private Uni<BookingView> transition(Principal staff, long bookingId, Set<BookingStatus> from, BookingStatus to,
            String wrongStateCode, Function<Booking, Uni<Void>> alongside) {
        String action = "BOOKING_" + to.name();
        List<String> freed = new ArrayList<>();
        return Panache.withTransaction(() -> lock(bookingId).flatMap(booking -> {
            requireScope(staff, booking.servicePointId);
            requireServes(staff, booking.serviceType);
            if (booking.status == to) {
                return Uni.createFrom().voidItem();
            }
            if (!from.contains(booking.status)) {
                throw new DomainException(409, wrongStateCode, List.of(), Map.of(), booking.status.name());
            }
            // nobody was seen: a visit cannot be missed, or held, before its time
            Uni<Void> started = to == BookingStatus.NO_SHOW || booking.status != BookingStatus.CHECKED_IN
                    ? inventory.read(booking.slotId).invoke(slot -> {
                        if (clock.instant().isBefore(slot.startInstant())) {
                            throw new DomainException(409, to == BookingStatus.NO_SHOW ? "TOO_EARLY_FOR_NO_SHOW" : "TOO_EARLY");
                        }
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return started.flatMap(ignored -> {
                booking.status = to;
                return alongside.apply(booking).call(() -> changed(staff, booking, action, freed));
            });
        }).flatMap(ignored -> views.byId(bookingId))) // answered on the transaction's connection
                .call(() -> gate.forget(freed));
    }

    /**
     * Persists a status change with its audit row, its outbox row and, when the visit is over, frees the
     * people; their gate markers go into {@code freed}, for the caller to clear after commit.
     */
    private Uni<Void> changed(Principal staff, Booking booking, String action, List<String> freed) {
        booking.updatedAt = clock.instant();
        Uni<Void> people = booking.status == BookingStatus.COMPLETED || booking.status == BookingStatus.NO_SHOW
                ? Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "UPDATE booking_person SET active = FALSE WHERE booking_id = :id RETURNING limit_key, id_number_index",
                        Object[].class).setParameter("id", booking.id).getResultList())
                        .invoke(rows -> rows.stream().filter(r -> r[0] != null)
                                .forEach(r -> freed.add(SlotGate.markerKey((String) r[0], (byte[]) r[1]))))
                        .replaceWithVoid()
                : Uni.createFrom().voidItem();
        return people.call(() -> bookings.flush())
                .call(() -> audit.record(staff == null ? Actor.SYSTEM : Actor.staff(staff.id()), action, "booking:" + booking.id, null))
                .call(() -> booking.residentId == null ? Uni.createFrom().voidItem() // a walk-in has nobody to notify
                        : inventory.read(booking.slotId).flatMap(slot -> outbox.record("booking:" + booking.id + ":"
                                + booking.status, "BOOKING_" + booking.status, booking.residentId,
                                Bookings.messageData(booking, slot))));
    }

    /** Marks one person of the booking present; answers how many are still to come. */
    private Uni<Integer> arrived(long bookingId, byte[] idNumberIndex) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                UPDATE booking_person SET checked_in_at = coalesce(checked_in_at, :now)
                WHERE booking_id = :booking AND id_number_index = :person""")
                .setParameter("now", clock.instant()).setParameter("booking", bookingId).setParameter("person", idNumberIndex)
                .executeUpdate()
                .flatMap(updated -> {
                    if (updated == 0) {
                        throw new DomainException(409, "PERSON_NOT_IN_BOOKING");
                    }
                    return s.createNativeQuery(
                            "SELECT count(*) FROM booking_person WHERE booking_id = :booking AND checked_in_at IS NULL",
                            Long.class).setParameter("booking", bookingId).getSingleResult().map(Long::intValue);
                }));
    }

    private Uni<Booking> lock(long bookingId) {
        return bookings.find("id", bookingId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new DomainException(404, "BOOKING_NOT_FOUND"));
    }

    /** 404 for no such booking, 403 unless the staff member acts at its point (administrators anywhere). */
    public Uni<Void> requireScopeOfBooking(Principal staff, long bookingId) {
        return views.byId(bookingId).invoke(view -> {
            if (view == null) {
                throw new DomainException(404, "BOOKING_NOT_FOUND");
            }
            requireScope(staff, view.servicePointId());
            requireServes(staff, view.serviceType());
        }).replaceWithVoid();
    }

    private boolean serves(Principal staff, String serviceType) {
        String role = policies.of(serviceType).servedOnlyBy();
        return role == null || staff.roles().contains(role);
    }

    /** 403 for a booking of a type served only in a role the staff member does not hold. */
    private void requireServes(Principal staff, String serviceType) {
        if (!serves(staff, serviceType)) {
            throw new DomainException(403, "NOT_YOUR_SERVICE");
        }
    }

    /** Administrators act anywhere; everyone else at the points on their account. */
    public static void requireScope(Principal staff, long servicePointId) {
        if (!staff.roles().contains("ADMIN") && !staff.servicePointIds().contains(servicePointId)) {
            throw new DomainException(403, "NOT_YOUR_SERVICE_POINT");
        }
    }
}
