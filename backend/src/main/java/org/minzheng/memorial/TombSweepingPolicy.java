package org.minzheng.memorial;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.service.Bookings;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.service.People;
import org.minzheng.memorial.config.MemorialConfig;
import org.minzheng.memorial.service.PeakDays;

/**
 * 清明/重阳祭扫 at a cemetery gate, real-name: units are the people named (the verified resident and their
 * dependants, each by ID number; children under 14 come along uncounted), a car takes one parking place of
 * the same slot, one booking per person per cemetery per day whoever books it, entry from shortly before
 * the window to its end at any gate of the cemetery. Not moved (cancel and book again: the one-per-day rule
 * and the peak days are checked then), no walk-ins at a gate, no waitlist (a closure offers a rebooking).
 */
@Singleton
public class TombSweepingPolicy implements BookingPolicy {

    public static final String TYPE = "TOMB_SWEEPING";
    /** In a booking's details: children under 14 coming along, and whether a car comes (its plate is sealed). */
    public static final String CHILDREN = "children";
    public static final String CAR = "car";
    public static final String CAR_PLATE = "carPlate";
    private static final java.util.Set<String> DETAILS = java.util.Set.of(CHILDREN, CAR, Bookings.SEALED_FIELDS);

    private final MemorialConfig config;
    private final PeakDays peakDays;

    public TombSweepingPolicy(MemorialConfig config, PeakDays peakDays) {
        this.config = config;
        this.peakDays = peakDays;
    }

    @Override
    public String serviceType() {
        return TYPE;
    }

    @Override
    public int maxPeople() {
        return config.maxPartySize();
    }

    @Override
    public int units(List<People.Person> people, Integer partySize) {
        return people.size();
    }

    @Override
    public int parkingUnits(Map<String, Object> details) {
        return details != null && Boolean.TRUE.equals(details.get(CAR)) ? 1 : 0;
    }

    @Override
    public String limitKey(SlotInfo slot) {
        return TYPE + ":site:" + slot.siteId() + ":" + slot.day();
    }

    /**
     * The details as the memorial endpoint writes them, whichever endpoint they came through: a number of
     * children within the limit, and a car only with its (sealed) plate. Each person once.
     */
    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        Map<String, Object> given = details == null ? Map.of() : details;
        if (!DETAILS.containsAll(given.keySet())) {
            throw new DomainException(422, "UNKNOWN_DETAIL"); // nothing personal slips into plain details
        }
        Object children = given.getOrDefault(CHILDREN, 0);
        if (!(children instanceof Integer n) || n < 0 || n > config.maxChildren()) {
            throw new DomainException(422, "TOO_MANY_CHILDREN", List.of(), Map.of(), config.maxChildren());
        }
        Object car = given.getOrDefault(CAR, false);
        Object sealed = given.getOrDefault(Bookings.SEALED_FIELDS, List.of());
        if (!(car instanceof Boolean withCar) || withCar && !(sealed instanceof List<?> fields && fields.contains(CAR_PLATE))) {
            throw new DomainException(422, "CAR_PLATE_REQUIRED");
        }
        if (people.stream().map(p -> java.util.HexFormat.of().formatHex(p.idNumberIndex())).distinct().count() < people.size()) {
            throw new DomainException(422, "SAME_PERSON_TWICE");
        }
        if (config.offPeak() == MemorialConfig.OffPeak.RELAXED) {
            return Uni.createFrom().voidItem();
        }
        return peakDays.isPeak(slot.siteId(), slot.day()).invoke(peak -> {
            if (!peak) {
                throw new DomainException(409, "NO_BOOKING_NEEDED");
            }
        }).replaceWithVoid();
    }

    @Override
    public Duration checkInOpensBefore() {
        return config.entryOpensBefore();
    }

    @Override
    public boolean checksInAnywhereOnSite() {
        return true;
    }

    /** The rebooking after a closure replaces the queue: a full window is simply full. */
    @Override
    public boolean waitlisted() {
        return false;
    }

    @Override
    public boolean reschedulable() {
        return false;
    }

    @Override
    public boolean walkInsOffered() {
        return false;
    }
}
