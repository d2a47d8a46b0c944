package org.minzheng.eldercare;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Booking;
import org.minzheng.booking.BookingPolicy;
import org.minzheng.booking.SlotInfo;
import org.minzheng.common.error.DomainException;
import org.minzheng.eldercare.service.ElderProfiles;
import org.minzheng.eldercare.service.Entitlements;
import org.minzheng.identity.service.People;

/**
 * 喘息服务: a day of respite care for an elder, spending one of the days a year their approval granted — in
 * the booking's own transaction, so a balance is never spent twice or below zero however many are booked at
 * once; a cancellation (or any release) gives the day back in its transaction. Booked by the elder or by the
 * family staff verified acts for them (not by whoever names them as a dependant: it is that family's balance).
 * Not moved, not queued for, no walk-ins: each would spend or give back outside these two steps.
 */
@ApplicationScoped
public class RespiteCarePolicy implements BookingPolicy {

    public static final String TYPE = "RESPITE_CARE";

    private final Entitlements entitlements;
    private final ElderProfiles profiles;

    public RespiteCarePolicy(Entitlements entitlements, ElderProfiles profiles) {
        this.entitlements = entitlements;
        this.profiles = profiles;
    }

    @Override
    public String serviceType() {
        return TYPE;
    }

    /** One respite day per elder a day, wherever. */
    @Override
    public String limitKey(SlotInfo slot) {
        return TYPE + ":" + slot.day();
    }

    @Override
    public Uni<Void> check(long residentId, SlotInfo slot, List<People.Person> people, Map<String, Object> details) {
        People.Person elder = people.get(0);
        if (elder.reference().equals("resident:" + residentId)) {
            return Uni.createFrom().voidItem();
        }
        return profiles.of(residentId, elder.idNumberIndex()).invoke(profile -> {
            if (!profile.verified()) {
                throw new DomainException(409, "PROFILE_NOT_VERIFIED");
            }
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> onBooked(Booking booking, List<People.Person> people, Map<String, Object> message) {
        return entitlements.spend(people.get(0).idNumberIndex(), Entitlements.RESPITE_DAYS, booking.day.getYear());
    }

    @Override
    public Uni<Void> onReleased(Booking booking) {
        return entitlements.giveBackFor(booking.id, Entitlements.RESPITE_DAYS, booking.day.getYear());
    }

    @Override
    public boolean walkInsOffered() {
        return false;
    }

    @Override
    public boolean takesOnBooked() {
        return true;
    }

    @Override
    public boolean waitlisted() {
        return false;
    }

    @Override
    public boolean reschedulable() {
        return false;
    }
}
