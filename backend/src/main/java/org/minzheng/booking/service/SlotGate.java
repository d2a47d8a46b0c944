package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.SlotInfo;
import org.minzheng.common.redis.LuaScript;

/**
 * The gate in front of PostgreSQL: per-slot remaining counters and per-person "booking in flight"
 * markers in Redis (and the slot's remaining parking places), checked and reserved by one Lua script, so a flood for a full slot (or 30 taps of
 * one resident) is answered without touching the database. PostgreSQL stays the truth: counters are
 * rebuilt from it when missing and overwritten by {@link #reconcile}; when Redis is unreachable the
 * gate steps aside ({@link Outcome#BYPASSED}) and bookings go to PostgreSQL alone.
 */
@ApplicationScoped
public class SlotGate {

    public enum Outcome {
        OK, FULL, NO_PARKING, ALREADY_BOOKED, BYPASSED
    }

    /** What a reservation holds, to give back if the booking then fails. */
    public record Reservation(long slotId, int units, int parking, List<String> markers, boolean bypassed) {
    }

    /** Long enough to cover a booking's transaction; after that the database's unique index rules. */
    static final Duration MARKER_TTL = Duration.ofSeconds(60);
    private static final LuaScript RESERVE = LuaScript.load("slot-reserve.lua");
    private static final LuaScript RELEASE = LuaScript.load("slot-release.lua");

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final SlotInventory inventory;
    private final Clock clock;
    /** Set while Redis failed: on its return every counter is rebuilt, as bookings meanwhile bypassed it. */
    private final AtomicBoolean degraded = new AtomicBoolean();

    public SlotGate(ReactiveRedisDataSource redis, SlotInventory inventory, Clock clock) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.inventory = inventory;
        this.clock = clock;
    }

    static String counterKey(long slotId) {
        return "slot:" + slotId + ":remaining";
    }

    static String parkingKey(long slotId) {
        return "slot:" + slotId + ":parking";
    }

    static String markerKey(String limitKey, byte[] idNumberIndex) {
        return "booking:inflight:" + limitKey + ":" + HexFormat.of().formatHex(idNumberIndex);
    }

    /** A cheap first look: is the slot known to be full? Lets a flood for a full slot end here. */
    public Uni<Boolean> knownFull(long slotId) {
        return values.get(counterKey(slotId))
                .map(remaining -> remaining != null && Integer.parseInt(remaining) <= 0)
                .onFailure().recoverWithItem(false);
    }

    public Uni<Reservation> reserve(SlotInfo slot, int units, List<String> markers) {
        return reserve(slot, units, 0, markers);
    }

    /** Reserves units and parking places together: a car is let through only with its place. */
    public Uni<Reservation> reserve(SlotInfo slot, int units, int parking, List<String> markers) {
        List<String> keys = new ArrayList<>(markers.size() + 2);
        keys.add(counterKey(slot.id()));
        keys.add(parkingKey(slot.id()));
        keys.addAll(markers);
        List<String> args = List.of(Integer.toString(units), Integer.toString(parking),
                Long.toString(MARKER_TTL.toSeconds()));
        return RESERVE.run(redis, keys, args)
                .flatMap(result -> "MISSING".equals(result.toString())
                        ? rebuild(slot.id()).flatMap(ignored -> RESERVE.run(redis, keys, args))
                        : Uni.createFrom().item(result))
                .call(this::recovered)
                .map(result -> switch (result.toString()) {
                    case "OK" -> new Reservation(slot.id(), units, parking, markers, false);
                    case "FULL" -> throw new GateRefusal(Outcome.FULL);
                    case "NO_PARKING" -> throw new GateRefusal(Outcome.NO_PARKING);
                    case "ALREADY_BOOKED" -> throw new GateRefusal(Outcome.ALREADY_BOOKED);
                    default -> throw new IllegalStateException("gate answered " + result);
                })
                .onFailure(f -> !(f instanceof GateRefusal)).recoverWithItem(failure -> {
                    if (degraded.compareAndSet(false, true)) {
                        Log.warnf("Redis unreachable (%s): bookings go to PostgreSQL alone until it returns",
                                failure.getClass().getSimpleName());
                    }
                    return new Reservation(slot.id(), units, parking, List.of(), true);
                });
    }

    /** Gives back what a failed booking (or a cancelled one) held. Never fails: reconcile repairs. */
    public Uni<Void> release(Reservation reservation) {
        if (reservation.bypassed()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = new ArrayList<>();
        keys.add(counterKey(reservation.slotId()));
        keys.add(parkingKey(reservation.slotId()));
        keys.addAll(reservation.markers());
        return RELEASE.run(redis, keys, List.of(Integer.toString(reservation.units()), Integer.toString(reservation.parking())))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * Moves a counter by what a committed change did to the slot in PostgreSQL (units freed: positive;
     * taken without the gate: negative). Relative, so exact whatever else is in flight.
     */
    public Uni<Void> adjust(long slotId, int delta) {
        return adjust(slotId, delta, 0);
    }

    /** As {@link #adjust(long, int)} for units and parking places together. */
    public Uni<Void> adjust(long slotId, int delta, int parkingDelta) {
        return release(new Reservation(slotId, delta, parkingDelta, List.of(), false));
    }

    /** Clears people's in-flight markers once their booking ended. */
    public Uni<Void> forget(List<String> markers) {
        return markers.isEmpty() ? Uni.createFrom().voidItem()
                : redis.key(String.class).del(markers.toArray(String[]::new)).replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Sets the counter to PostgreSQL's truth, e.g. after the database found the slot full. */
    public Uni<Void> resync(long slotId) {
        return inventory.read(slotId).flatMap(slot -> slot == null ? Uni.createFrom().voidItem() : store(slot))
                .onFailure().recoverWithNull();
    }

    /** Overwrites every counter of the days in range with the truth; the periodic and post-outage repair. */
    public Uni<Integer> reconcile(java.time.LocalDate from, java.time.LocalDate to) {
        return inventory.readDays(from, to).flatMap(slots -> {
            if (slots.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(slots.stream().map(this::store).toList()).andFailFast().replaceWith(slots.size());
        });
    }

    private Uni<Void> rebuild(long slotId) {
        return inventory.read(slotId).flatMap(slot -> slot == null ? Uni.createFrom().voidItem()
                : values.set(counterKey(slotId), Integer.toString(slot.remaining()), new SetArgs().nx().ex(ttl(slot)))
                        .chain(() -> values.set(parkingKey(slotId), Integer.toString(slot.parkingRemaining()),
                                new SetArgs().nx().ex(ttl(slot)))));
    }

    private Uni<Void> store(SlotInfo slot) {
        return values.setex(counterKey(slot.id()), ttl(slot).toSeconds(), Integer.toString(slot.remaining()))
                .chain(() -> values.setex(parkingKey(slot.id()), ttl(slot).toSeconds(),
                        Integer.toString(slot.parkingRemaining())));
    }

    /** After an outage, counters no longer match bookings made meanwhile: rebuild them all once. */
    private Uni<Void> recovered(Object ignored) {
        if (!degraded.compareAndSet(true, false)) {
            return Uni.createFrom().voidItem();
        }
        Log.info("Redis is back: rebuilding slot counters from PostgreSQL");
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        return reconcile(today, today.plusDays(366)).replaceWithVoid().onFailure().recoverWithNull();
    }

    private Duration ttl(SlotInfo slot) {
        Duration untilEnd = Duration.between(clock.instant(), slot.endInstant());
        return untilEnd.isNegative() ? Duration.ofHours(1) : untilEnd.plusDays(1);
    }

    /** The gate said no: the slot is full or the person is already booking. */
    public static final class GateRefusal extends RuntimeException {
        private final Outcome outcome;

        GateRefusal(Outcome outcome) {
            super(outcome.name(), null, false, false);
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }
}
