package org.minzheng.booking.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.Slot;
import org.minzheng.booking.repository.SlotRepository;

/**
 * Reads of the materialised slots for other capabilities (availability, bookings): closed slots included,
 * in day and start order. Joins the caller's session or transaction when there is one.
 */
@ApplicationScoped
public class SlotCatalog {

    private final SlotRepository slots;

    public SlotCatalog(SlotRepository slots) {
        this.slots = slots;
    }

    /** Every slot of the point and type from {@code from} to {@code to}, both inclusive. */
    public Uni<List<Slot>> slots(long servicePointId, String serviceType, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> slots.of(servicePointId, serviceType, from, to));
    }

    /** One slot, or null. */
    public Uni<Slot> slot(long slotId) {
        return Panache.withSession(() -> slots.findById(slotId));
    }
}
