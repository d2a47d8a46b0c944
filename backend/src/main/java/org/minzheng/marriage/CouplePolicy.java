package org.minzheng.marriage;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.People;
import org.minzheng.notify.Outbox;

/**
 * What the marriage office's bookings share: two people, the booker and the partner they name; one open
 * marriage or divorce booking per person, whatever the office or day; the partner told in their inbox.
 */
public abstract class CouplePolicy implements BookingPolicy {

    /** One active marriage or divorce booking per person, whatever the office or day. */
    public static final String ACTIVE_CASE = "marriage-or-divorce";
    /** The booking person who is not the booker. */
    public static final String PARTNER = "partner";
    /**
     * The partner of a booking chained to an earlier one (a ceremony, a certificate visit), known by the
     * name and ID-number index that booking already holds; the checks of their identity were made then.
     */
    public static People.Person knownPartner(String name, byte[] idNumberIndex) {
        return new People.Person(PARTNER, name, null, idNumberIndex, null, null);
    }

    /** Couple bookings one resident may start within a day. */
    static final int DAILY_BOOKINGS = 5;
    private static final List<String> COUPLE_TYPES = List.of(MarriagePolicy.TYPE, DivorceApplicationPolicy.TYPE,
            DivorceCertificatePolicy.TYPE, CeremonyPolicy.TYPE);

    private final String serviceType;
    private final String partnerMessage;
    private final Duration partnerHold;
    private final Outbox outbox;
    private final Clock clock;

    /**
     * {@code partnerMessage}: what the partner finds in their inbox once the booking is made;
     * {@code partnerHold}: how long the booking waits for the partner's confirmation (null: confirmed at once).
     */
    protected CouplePolicy(String serviceType, String partnerMessage, Duration partnerHold, Outbox outbox, Clock clock) {
        this.serviceType = serviceType;
        this.partnerMessage = partnerMessage;
        this.partnerHold = partnerHold;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String serviceType() {
        return serviceType;
    }

    @Override
    public Duration holdDuration() {
        return partnerHold;
    }

    /** Rules of this type beyond "two different people", e.g. the legal age. */
    protected void checkCouple(People.Person booker, People.Person partner, SlotInfo slot) {
    }

    /** The office records what the visit decided: registered, refused, received, withdrawn. */
    @Override
    public boolean completesWithOutcome() {
        return true;
    }

    /** Both spouses in person: each is checked in by their ID card. */
    @Override
    public boolean everyoneChecksIn() {
        return true;
    }

    /** A place freed is not offered to a queue: a couple's booking needs both of them and the checks. */
    @Override
    public boolean waitlisted() {
        return false;
    }

    /** Moving it would skip the partner and the checks on the new day: cancel and book again. */
    @Override
    public boolean reschedulable() {
        return false;
    }

    @Override
    public int maxPeople() {
        return 2;
    }

    @Override
    public String limitKey(SlotInfo slot) {
        return ACTIVE_CASE;
    }

    /**
     * Naming someone holds their marriage-office bookings for a while, so one resident may start only a few
     * couple bookings a day: enough for mistakes, too few to block strangers.
     */
    private Uni<Void> checkDailyLimit(long residentId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT count(*) FROM booking WHERE resident_id = :resident AND service_type IN (:types)
                  AND created_at > :since""", Long.class)
                .setParameter("resident", residentId).setParameter("types", COUPLE_TYPES)
                .setParameter("since", clock.instant().minus(Duration.ofDays(1))).getSingleResult()))
                .invoke(count -> {
                    if (count >= DAILY_BOOKINGS) {
                        throw new DomainException(429, "TOO_MANY_COUPLE_BOOKINGS", List.of(),
                                Map.of("Retry-After", "86400"), DAILY_BOOKINGS);
                    }
                })
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        People.Person booker = people.stream().filter(p -> p.reference().equals("resident:" + residentId)).findFirst()
                .orElseThrow(() -> new DomainException(422, "BOOKER_NOT_A_PARTY"));
        People.Person partner = people.stream().filter(p -> p.reference().equals(PARTNER)).findFirst()
                .orElseThrow(() -> new DomainException(422, "PARTNER_REQUIRED"));
        if (people.size() != 2) {
            throw new DomainException(422, "PARTNER_REQUIRED");
        }
        if (Arrays.equals(booker.idNumberIndex(), partner.idNumberIndex())) {
            throw new DomainException(422, "SAME_PERSON");
        }
        checkCouple(booker, partner, slot);
        return checkDailyLimit(residentId);
    }

    /** Tells the partner, when they have a verified account, in their inbox. */
    @Override
    public Uni<Void> onBooked(Booking booking, List<People.Person> people, Map<String, Object> message) {
        var partner = people.stream().filter(p -> p.reference().equals(PARTNER)).findFirst();
        if (partner.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        byte[] partnerIndex = partner.get().idNumberIndex();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT id FROM resident WHERE id_number_index = :index AND identity_verified_at IS NOT NULL""", Long.class)
                .setParameter("index", partnerIndex).getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : outbox.record("booking:" + booking.id + ":PARTNER", partnerMessage, ids.get(0), message));
    }
}
