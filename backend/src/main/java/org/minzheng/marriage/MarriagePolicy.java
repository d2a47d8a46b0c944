package org.minzheng.marriage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.identity.service.People;
import org.minzheng.marriage.config.MarriageConfig;
import org.minzheng.notify.Outbox;

/**
 * Marriage registration (MARRIAGE): a booking for two, the booker and the partner they name, held until
 * the partner confirms from their own verified account. Free, at any office, ID card only.
 */
@ApplicationScoped
public class MarriagePolicy implements BookingPolicy {

    public static final String TYPE = "MARRIAGE";
    /** One active marriage or divorce booking per person, whatever the office or day. */
    public static final String ACTIVE_CASE = "marriage-or-divorce";
    /** The booking person who is not the booker. */
    public static final String PARTNER = "partner";

    private final MarriageConfig config;
    private final Outbox outbox;

    public MarriagePolicy(MarriageConfig config, Outbox outbox) {
        this.config = config;
        this.outbox = outbox;
    }

    @Override
    public String serviceType() {
        return TYPE;
    }

    @Override
    public int maxPeople() {
        return 2;
    }

    @Override
    public String limitKey(SlotInfo slot) {
        return ACTIVE_CASE;
    }

    @Override
    public Duration holdDuration() {
        return config.partnerHold();
    }

    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        People.Person booker = people.stream().filter(p -> p.reference().equals("resident:" + residentId)).findFirst()
                .orElseThrow(() -> new DomainException(422, "BOOKER_NOT_A_PARTY"));
        Optional<People.Person> partner = people.stream().filter(p -> p.reference().equals(PARTNER)).findFirst();
        if (partner.isEmpty() || people.size() != 2) {
            throw new DomainException(422, "PARTNER_REQUIRED");
        }
        if (Arrays.equals(booker.idNumberIndex(), partner.get().idNumberIndex())) {
            throw new DomainException(422, "SAME_PERSON");
        }
        if (booker.sex() == partner.get().sex()) {
            throw new DomainException(422, "NOT_A_MAN_AND_A_WOMAN");
        }
        for (People.Person p : List.of(booker, partner.get())) {
            if (!MarriageLaw.ofAge(p.birthDate(), p.sex(), slot.day())) {
                String party = p == booker ? "self" : "partner.idNumber";
                throw new DomainException(422, "UNDER_LEGAL_AGE",
                        List.of(new FieldError(party, "UNDER_LEGAL_AGE", null)), Map.of());
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** Tells the partner, when they have an account, that a booking awaits their confirmation. */
    @Override
    public Uni<Void> onBooked(Booking booking, List<People.Person> people, Map<String, Object> message) {
        byte[] partnerIndex = people.stream().filter(p -> p.reference().equals(PARTNER)).findFirst().orElseThrow()
                .idNumberIndex();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT id FROM resident WHERE id_number_index = :index AND identity_verified_at IS NOT NULL""", Long.class)
                .setParameter("index", partnerIndex).getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : outbox.record("booking:" + booking.id + ":INVITATION", "MARRIAGE_INVITATION", ids.get(0), message));
    }
}
