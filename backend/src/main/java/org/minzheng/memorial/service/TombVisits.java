package org.minzheng.memorial.service;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.minzheng.booking.BookingView;
import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.service.Bookings;
import org.minzheng.booking.service.SlotInventory;
import org.minzheng.common.error.DomainException;
import org.minzheng.memorial.CarPlate;
import org.minzheng.memorial.TombSweepingPolicy;

/**
 * A resident's tomb-sweeping visits: booked on the engine with the people named (the verified resident and
 * their dependants), the children apart, and a car's plate sealed; rebooked in one step after a closure
 * cancelled one.
 */
@ApplicationScoped
public class TombVisits {

    public record NewVisit(long slotId, boolean self, List<Long> dependantIds, int children, String carPlate) {
        @Override
        public String toString() {
            return "NewVisit[slotId=" + slotId + "]"; // never the plate in logs
        }
    }

    /** The booking with what the gate will check: children and the car's plate (in full, for its resident). */
    public record Visit(BookingView booking, int children, String carPlate) {
    }

    private final Bookings bookings;
    private final SlotInventory inventory;
    private final PeakDays peakDays;
    private final Clock clock;

    public TombVisits(Bookings bookings, SlotInventory inventory, PeakDays peakDays, Clock clock) {
        this.bookings = bookings;
        this.inventory = inventory;
        this.peakDays = peakDays;
        this.clock = clock;
    }

    public Uni<Visit> book(long residentId, NewVisit visit, String idempotencyKey) {
        CarPlate plate = visit.carPlate() == null || visit.carPlate().isBlank() ? null
                : CarPlate.parse(visit.carPlate(), "carPlate");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(TombSweepingPolicy.CHILDREN, visit.children());
        details.put(TombSweepingPolicy.CAR, plate != null);
        Map<String, String> sealed = plate == null ? Map.of() : Map.of(TombSweepingPolicy.CAR_PLATE, plate.value());
        return tombSlot(visit.slotId())
                .flatMap(slot -> bookings.create(residentId, new Bookings.Request(visit.slotId(), visit.self(),
                        visit.dependantIds(), null, details, List.of(), sealed), idempotencyKey))
                .map(b -> new Visit(b, visit.children(), plate == null ? null : plate.value()));
    }

    public Uni<Visit> one(long residentId, long bookingId) {
        return bookings.one(residentId, bookingId).flatMap(b -> {
            if (!TombSweepingPolicy.TYPE.equals(b.serviceType())) {
                throw new DomainException(404, "BOOKING_NOT_FOUND");
            }
            return visit(b);
        });
    }

    /**
     * Takes a window the closure's message offered (or any free one of the same cemetery, that day or its
     * next peak day) for a booking a closure cancelled, in one step.
     */
    public Uni<Visit> rebook(long residentId, long bookingId, long slotId) {
        return one(residentId, bookingId).flatMap(old -> inventory.read(old.booking().slotId())
                .flatMap(oldSlot -> peakDays.nextAfter(oldSlot.siteId(), oldSlot.day())
                        .flatMap(nextPeak -> bookings.rebook(residentId, bookingId, slotId, (booking, target) -> {
                            if (target.siteId() != oldSlot.siteId()) {
                                throw new DomainException(409, "WRONG_SITE", List.of(), Map.of(), oldSlot.siteId());
                            }
                            if (!target.day().equals(oldSlot.day()) && !target.day().equals(nextPeak)) {
                                throw new DomainException(409, "REBOOK_DAY_NOT_OFFERED");
                            }
                            if (!clock.instant().isBefore(target.startInstant())) {
                                throw new DomainException(409, "OUTSIDE_BOOKING_WINDOW");
                            }
                        }))
                        // the new booking keeps the old one's sealed details: answered from what is in hand, not
                        // read after the commit on a second connection (which could be refused under load)
                        .map(b -> new Visit(b, children(b), old.carPlate()))));
    }

    private Uni<Visit> visit(BookingView b) {
        return bookings.sealedDetails(b.id()).map(sealed -> new Visit(b, children(b), sealed.get(TombSweepingPolicy.CAR_PLATE)));
    }

    private static int children(BookingView b) {
        return ((Number) b.details().getOrDefault(TombSweepingPolicy.CHILDREN, 0)).intValue();
    }

    private Uni<SlotInfo> tombSlot(long slotId) {
        return inventory.read(slotId).invoke(slot -> {
            if (slot == null || !TombSweepingPolicy.TYPE.equals(slot.serviceType())) {
                throw new DomainException(404, "SLOT_NOT_FOUND");
            }
        });
    }
}
