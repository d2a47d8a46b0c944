package org.minzheng.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;

import org.minzheng.identity.service.People;

/**
 * The rules of one service type, supplied by its domain (marriage, tomb-sweeping, counseling, meals) as
 * an {@code @ApplicationScoped} bean. The engine enforces them; defaults suit a simple visit.
 */
public interface BookingPolicy {

    /** The service type this policy governs, e.g. {@code MARRIAGE}. */
    String serviceType();

    /** How many people one booking may name. */
    default int maxPeople() {
        return 1;
    }

    /**
     * Units the booking takes from its slot: by default one per booking; a type counting people returns
     * {@code partySize} (validated against {@link #maxPartySize()}).
     */
    default int units(List<People.Person> people, Integer partySize) {
        return 1;
    }

    /** Parking places the booking takes beside its units (a car: one); taken in the same step or not at all. */
    default int parkingUnits(java.util.Map<String, Object> details) {
        return 0;
    }

    /** The largest party size accepted, for types that count people; 0 when party size is not asked. */
    default int maxPartySize() {
        return 0;
    }

    /** Bookings close this long before the slot starts. */
    default Duration bookingCutoff() {
        return Duration.ZERO;
    }

    /** The last moment the slot may be booked: by default {@link #bookingCutoff()} before it starts. */
    default Instant bookableUntil(SlotInfo slot) {
        return slot.startInstant().minus(bookingCutoff());
    }

    /** Cancelling is possible until this long before the slot starts. */
    default Duration cancellationCutoff() {
        return Duration.ZERO;
    }

    /**
     * The last moment a booking of the slot may be cancelled (or moved away): by default
     * {@link #cancellationCutoff()} before it starts.
     */
    default Instant cancellableUntil(SlotInfo slot) {
        return slot.startInstant().minus(cancellationCutoff());
    }

    /**
     * The scope of "one active booking per person": people may hold one active booking per key. The
     * default is one per service type, point and day; {@code null} means no limit.
     */
    default String limitKey(SlotInfo slot) {
        return slot.serviceType() + ":" + slot.servicePointId() + ":" + slot.day();
    }

    /** A hold instead of a confirmed booking (e.g. awaiting a partner); {@code null} confirms at once. */
    default Duration holdDuration() {
        return null;
    }

    /** Further checks of the booker and the people, e.g. legal age; fail with a DomainException. */
    default Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, java.util.Map<String, Object> details) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Runs inside the booking's transaction once it is written, e.g. to tell the other people named in it
     * (through the outbox). {@code message} is the data of the booker's own message. Every booking a resident
     * makes passes here (a waitlist offer and a rebooking too; a walk-in, checked in at once, does not).
     */
    default Uni<Void> onBooked(Booking booking, List<People.Person> people, java.util.Map<String, Object> message) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Runs inside the transaction of whatever ends a booking that held units and gives them back (the
     * resident's cancellation, the bureau's, an expired or declined hold, a cascade from a chained booking),
     * so a domain can give back what {@link #onBooked} took, atomically: a failure here undoes the ending.
     * The booking already carries its final status.
     */
    default Uni<Void> onReleased(Booking booking) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Whether {@link #onBooked} takes something {@link #onReleased} gives back (a balance, a priced order): a
     * rebooking then runs {@code onBooked} again, for the people as the resident acts for them now.
     */
    default boolean takesOnBooked() {
        return false;
    }

    /** Whether every person named must be present, each checked in by their ID card, before the visit starts. */
    default boolean everyoneChecksIn() {
        return false;
    }

    /**
     * How early before its slot a booking may check in; {@code null}: any time that day. When set, check-in
     * also ends with the slot (a gate's entry window).
     */
    default Duration checkInOpensBefore() {
        return null;
    }

    /** Whether staff at any point of the booking's site (any gate of the cemetery) may check it in. */
    default boolean checksInAnywhereOnSite() {
        return false;
    }

    /**
     * The staff role that alone sees and handles this type's bookings at the counter desk (a counselor's sessions:
     * not a clerk's, not an administrator's, though the point be theirs); {@code null}: whoever serves the point.
     */
    default String servedOnlyBy() {
        return null;
    }

    /** Whether staff may book a person standing at the counter (a walk-in) for this type. */
    default boolean walkInsOffered() {
        return true;
    }

    /** Whether residents may queue for a full slot; off where a booking needs more than its booker. */
    default boolean waitlisted() {
        return true;
    }

    /** Whether the booker may move the booking to another slot alone. */
    default boolean reschedulable() {
        return true;
    }

    /**
     * Whether a visit ends only with its domain's outcome (registered, refused, application received), so
     * the plain "complete" at the counter is refused for it.
     */
    default boolean completesWithOutcome() {
        return false;
    }

    /** No-shows within the window that suspend booking this type, and for how long. */
    default NoShowRule noShowRule() {
        return NoShowRule.DEFAULT;
    }

    /** {@link #NEVER}: no-shows never suspend (a service whose staff, not the resident, may forget to record it). */
    record NoShowRule(int count, Duration within, Duration suspendFor) {
        public static final NoShowRule DEFAULT = new NoShowRule(3, Duration.ofDays(90), Duration.ofDays(30));
        public static final NoShowRule NEVER = new NoShowRule(Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO);
    }
}
