package org.minzheng.marriage;

import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.service.Bookings;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.People;
import org.minzheng.marriage.config.MarriageConfig;
import org.minzheng.notify.Outbox;

/**
 * The certificate ceremony (颁证仪式, CEREMONY) at a ceremony venue: chained to the couple's marriage
 * registration, on its day and after its slot, for a limited party; it ends when the registration does.
 */
@Singleton
public class CeremonyPolicy extends CouplePolicy {

    public static final String TYPE = "CEREMONY";

    private final MarriageConfig config;

    public CeremonyPolicy(MarriageConfig config, Outbox outbox, Clock clock) {
        super(TYPE, "CEREMONY_BOOKED", null, outbox, clock);
        this.config = config;
    }

    /** Everyone attending, the couple included. */
    @Override
    public int maxPartySize() {
        return config.ceremonyMaxPartySize();
    }

    /** One ceremony per person and day. */
    @Override
    public String limitKey(SlotInfo slot) {
        return TYPE + ":" + slot.day();
    }

    /** A ceremony is simply held: no registrar's outcome. */
    @Override
    public boolean completesWithOutcome() {
        return false;
    }

    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        Object chained = details == null ? null : details.get(Bookings.CHAINED_TO);
        if (!(chained instanceof Number registration)) {
            throw new DomainException(422, "CEREMONY_NEEDS_REGISTRATION");
        }
        return super.check(residentId, slot, people, details).flatMap(ignored -> Panache.withSession(() -> Panache
                .getSession().flatMap(s -> s.createNativeQuery("""
                        SELECT b.day, s.ends_at FROM booking b JOIN slot s ON s.id = b.slot_id
                        WHERE b.id = :id AND b.resident_id = :resident AND b.service_type = :marriage
                          AND b.status IN ('PENDING', 'CONFIRMED')""", Object[].class)
                        .setParameter("id", registration.longValue()).setParameter("resident", residentId)
                        .setParameter("marriage", MarriagePolicy.TYPE).getResultList())))
                .invoke(rows -> {
                    if (rows.isEmpty()) {
                        throw new DomainException(422, "CEREMONY_NEEDS_REGISTRATION");
                    }
                    if (!slot.day().equals(rows.get(0)[0]) || slot.startsAt().isBefore((LocalTime) rows.get(0)[1])) {
                        throw new DomainException(422, "CEREMONY_AFTER_REGISTRATION");
                    }
                })
                .replaceWithVoid();
    }
}
