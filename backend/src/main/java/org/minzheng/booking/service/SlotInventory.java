package org.minzheng.booking.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.minzheng.common.time.SqlTimes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.booking.SlotInfo;

/**
 * The truth about slot units, in PostgreSQL. Units are taken only by a conditional UPDATE, so whatever
 * the concurrency, booked never exceeds capacity (and the CHECK constraint would refuse it anyway).
 */
@ApplicationScoped
public class SlotInventory {

    private static final String COLUMNS = "s.id, s.service_point_id, coalesce(p.site_id, p.id), s.service_type, s.day, "
            + "s.starts_at, s.ends_at, s.capacity, s.booked, s.parking_capacity, s.parking_booked, s.release_at, s.closed "
            + "FROM slot s JOIN service_point p ON p.id = s.service_point_id";

    /** The slot as of now, or null. Opens its own session when called outside one. */
    public Uni<SlotInfo> read(long slotId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("SELECT " + COLUMNS + " WHERE s.id = :id", Object[].class)
                .setParameter("id", slotId).getSingleResultOrNull()))
                .map(row -> row == null ? null : info(row));
    }

    public Uni<List<SlotInfo>> read(long servicePointId, String serviceType, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT " + COLUMNS
                + " WHERE s.service_point_id = :point AND s.service_type = :type AND s.day BETWEEN :from AND :to"
                + " ORDER BY s.day, s.starts_at", Object[].class)
                .setParameter("point", servicePointId).setParameter("type", serviceType)
                .setParameter("from", from).setParameter("to", to)
                .getResultList()))
                .map(rows -> rows.stream().map(SlotInventory::info).toList());
    }

    /** Slots whose day lies in the range, for reconciling the Redis counters. */
    public Uni<List<SlotInfo>> readDays(LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT " + COLUMNS
                + " WHERE s.day BETWEEN :from AND :to", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList()))
                .map(rows -> rows.stream().map(SlotInventory::info).toList());
    }

    /** Takes units within the current transaction; false when the slot is full or closed. */
    public Uni<Boolean> take(Mutiny.Session session, long slotId, int units) {
        return take(session, slotId, units, 0);
    }

    /**
     * Takes units and parking places in one statement: both or neither, so no booking holds a car
     * without its place. False when either is short or the slot is closed.
     */
    public Uni<Boolean> take(Mutiny.Session session, long slotId, int units, int parking) {
        return session.createNativeQuery("""
                UPDATE slot SET booked = booked + :units, parking_booked = parking_booked + :parking
                WHERE id = :id AND NOT closed AND booked + :units <= capacity
                  AND parking_booked + :parking <= coalesce(parking_capacity, 0)""")
                .setParameter("units", units).setParameter("parking", parking).setParameter("id", slotId)
                .executeUpdate().map(updated -> updated == 1);
    }

    /** The slot's taken units, locking its row until the transaction ends. */
    public Uni<Integer> lockBooked(Mutiny.Session session, long slotId) {
        return session.createNativeQuery("SELECT booked FROM slot WHERE id = :id FOR UPDATE", Integer.class)
                .setParameter("id", slotId).getSingleResult();
    }

    /** Gives units back within the current transaction (cancel, expiry, no-show of a future hold). */
    public Uni<Void> giveBack(Mutiny.Session session, long slotId, int units) {
        return giveBack(session, slotId, units, 0);
    }

    /** Gives units and parking places back within the current transaction. */
    public Uni<Void> giveBack(Mutiny.Session session, long slotId, int units, int parking) {
        return session.createNativeQuery(
                "UPDATE slot SET booked = booked - :units, parking_booked = parking_booked - :parking WHERE id = :id")
                .setParameter("units", units).setParameter("parking", parking).setParameter("id", slotId)
                .executeUpdate().replaceWithVoid();
    }

    private static SlotInfo info(Object[] r) {
        return new SlotInfo(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                (String) r[3], (LocalDate) r[4], (LocalTime) r[5], (LocalTime) r[6], ((Number) r[7]).intValue(),
                ((Number) r[8]).intValue(), r[9] == null ? null : ((Number) r[9]).intValue(), ((Number) r[10]).intValue(),
                SqlTimes.instant(r[11]), (Boolean) r[12]);
    }
}
