package org.minzheng.booking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.common.AffectedEntities;
import org.minzheng.booking.Slot;
import org.minzheng.booking.service.SlotPlan;

/**
 * The slot table as the materialiser reconciles it. Writes are SQL that stays right under concurrent
 * bookings: capacity never drops below the {@code booked} of the moment, and only unbooked rows are deleted.
 */
@ApplicationScoped
public class SlotRepository implements PanacheRepository<Slot> {

    /** A point and one service type it offers (or offered: it still has future slots). */
    public record Supply(long servicePointId, String serviceType) {
    }

    /** A slot's supply side as it is now, plus its bookings; Hibernate calls its constructor reflectively. */
    @RegisterForReflection
    public record Existing(long id, LocalDate day, LocalTime startsAt, LocalTime endsAt, int capacity, int booked,
            Integer parkingCapacity, int parkingBooked, Instant releaseAt, boolean closed, Long scheduleId) {
    }

    private static final AffectedEntities SLOTS = new AffectedEntities(Slot.class);
    private static final String LOCK_KEY = "hashtextextended('minzheng.booking.slots:' || :point || ':' || :type, 0)";

    /** Waits for the transaction-scoped lock on one point and type. */
    public Uni<Void> lock(long pointId, String serviceType) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "SELECT true FROM pg_advisory_xact_lock(" + LOCK_KEY + ")", Boolean.class)
                .setParameter("point", Long.toString(pointId)).setParameter("type", serviceType)
                .getSingleResult())
                .replaceWithVoid();
    }

    /** False when another transaction holds the lock on this point and type. */
    public Uni<Boolean> tryLock(long pointId, String serviceType) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")", Boolean.class)
                .setParameter("point", Long.toString(pointId)).setParameter("type", serviceType)
                .getSingleResult());
    }

    /** Every offered point and type, and every pair that still has slots from {@code today} on. */
    public Uni<List<Supply>> supplies(LocalDate today) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "SELECT p.id, t.type FROM service_point p CROSS JOIN LATERAL unnest(p.service_types) AS t(type) "
                        + "WHERE p.active "
                        + "UNION SELECT service_point_id, service_type FROM slot WHERE day >= :today ORDER BY 1, 2",
                Object[].class)
                .setParameter("today", today)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Supply(((Number) r[0]).longValue(), (String) r[1]))
                        .toList());
    }

    public Uni<List<Existing>> existing(long pointId, String serviceType, LocalDate from, LocalDate to) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "SELECT id, day, startsAt, endsAt, capacity, booked, parkingCapacity, parkingBooked, releaseAt, closed, scheduleId FROM Slot "
                        + "WHERE servicePointId = :point AND serviceType = :type AND day BETWEEN :from AND :to "
                        + "ORDER BY day, startsAt",
                Existing.class)
                .setParameter("point", pointId).setParameter("type", serviceType)
                .setParameter("from", from).setParameter("to", to)
                .getResultList());
    }

    /**
     * Inserts the slot, or brings the existing one at the same start to what is wanted: open, with the
     * wanted end, release moment and schedule, and the wanted capacity but never below {@code booked} (read
     * under the row lock the conflict takes, so a concurrent booking cannot slip past it). An unchanged row
     * is left alone. {@code booked} itself is never written.
     */
    public Uni<Integer> upsert(long pointId, String serviceType, LocalDate day, SlotPlan.Wanted slot) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO slot (service_point_id, service_type, day, starts_at, ends_at, capacity, parking_capacity,
                                  release_at, closed, schedule_id)
                VALUES (:point, :type, :day, :startsAt, :endsAt, :capacity, CAST(:parking AS int),
                        CAST(:releaseAt AS timestamptz), false, CAST(:scheduleId AS bigint))
                ON CONFLICT (service_point_id, service_type, day, starts_at) DO UPDATE
                SET ends_at = EXCLUDED.ends_at,
                    capacity = GREATEST(EXCLUDED.capacity, slot.booked),
                    parking_capacity = CASE WHEN EXCLUDED.parking_capacity IS NULL AND slot.parking_booked = 0 THEN NULL
                                            ELSE GREATEST(coalesce(EXCLUDED.parking_capacity, 0), slot.parking_booked) END,
                    release_at = EXCLUDED.release_at,
                    closed = false,
                    schedule_id = EXCLUDED.schedule_id
                WHERE (slot.ends_at, slot.capacity, slot.parking_capacity, slot.release_at, slot.closed, slot.schedule_id)
                      IS DISTINCT FROM (EXCLUDED.ends_at, GREATEST(EXCLUDED.capacity, slot.booked),
                                        CASE WHEN EXCLUDED.parking_capacity IS NULL AND slot.parking_booked = 0 THEN NULL
                                             ELSE GREATEST(coalesce(EXCLUDED.parking_capacity, 0), slot.parking_booked) END,
                                        EXCLUDED.release_at, false, EXCLUDED.schedule_id)
                """, SLOTS)
                .setParameter("point", pointId).setParameter("type", serviceType).setParameter("day", day)
                .setParameter("startsAt", slot.startsAt()).setParameter("endsAt", slot.endsAt())
                .setParameter("capacity", slot.capacity())
                .setParameter("parking", slot.parkingCapacity())
                .setParameter("releaseAt", slot.releaseAt())
                .setParameter("scheduleId", slot.scheduleId())
                .executeUpdate());
    }

    /**
     * Deletes those of the slots that have no bookings at this moment; returns how many went. A slot that
     * other rows still reference (the history of a cancelled booking) cannot go and stays for the caller to
     * close. That is decided inside PostgreSQL: a failed statement would doom the whole transaction (Hibernate
     * marks it rollback-only), so a PL/pgSQL block catches the foreign-key violation and then tries the slots
     * one by one, each in its own subtransaction.
     */
    public Uni<Integer> deleteUnbooked(List<Long> ids) {
        // ids are numbers from our own rows: safe to inline (a DO block takes no parameters)
        String array = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        String block = """
                DO $$
                DECLARE
                    doomed bigint[] := ARRAY[%s]::bigint[];
                    one bigint;
                BEGIN
                    BEGIN
                        DELETE FROM slot WHERE id = ANY (doomed) AND booked = 0;
                    EXCEPTION WHEN foreign_key_violation THEN
                        FOREACH one IN ARRAY doomed LOOP
                            BEGIN
                                DELETE FROM slot WHERE id = one AND booked = 0;
                            EXCEPTION WHEN foreign_key_violation THEN
                                NULL;
                            END;
                        END LOOP;
                    END;
                END
                $$""".formatted(array);
        return getSession().flatMap(session -> session.createNativeQuery(block, SLOTS).executeUpdate()
                .chain(() -> session.createNativeQuery("SELECT count(*) FROM slot WHERE id IN (:ids)", Long.class)
                        .setParameter("ids", ids).getSingleResult())
                .map(remaining -> ids.size() - remaining.intValue()));
    }

    /** Closes those of the slots still open: they keep their bookings but take no new ones. */
    public Uni<Integer> close(List<Long> ids) {
        return getSession().flatMap(session -> session.createNativeQuery(
                "UPDATE slot SET closed = true WHERE id IN (:ids) AND NOT closed", SLOTS)
                .setParameter("ids", ids).executeUpdate());
    }

    public Uni<List<Slot>> of(long pointId, String serviceType, LocalDate from, LocalDate to) {
        return list("servicePointId = ?1 AND serviceType = ?2 AND day BETWEEN ?3 AND ?4 ORDER BY day, startsAt",
                pointId, serviceType, from, to);
    }
}
