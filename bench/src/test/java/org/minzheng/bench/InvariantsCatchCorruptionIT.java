package org.minzheng.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Each invariant the bench checks after a run, shown to fail: a small flash release makes real bookings, outbox rows,
 * inbox messages and Redis counters; then the stores are broken on purpose, one invariant at a time, and the check must
 * name the very slot, resident, counter, event or booking broken, while the invariants left whole stay empty. A check
 * that cannot fail would pass every run and prove nothing.
 */
class InvariantsCatchCorruptionIT {

    private static final List<String> ALL = List.of(Invariants.WITHIN_CAPACITY, Invariants.BOOKED_IS_SUM,
            Invariants.ONE_ACTIVE_BOOKING, Invariants.REDIS_AGREES, Invariants.ONE_EVENT_EACH, Invariants.NONE_LOST,
            Invariants.NONE_UNANNOUNCED);

    /** A booking the bench was answered 201 for. */
    private record Booking(long id, long slot, long resident, int units) {
        String made() {
            return "booking:" + id + ":CONFIRMED";
        }
    }

    private FlashRelease flash;

    @Test
    void eachInvariantNamesWhatWasBrokenAndOnlyThat() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        // logs of their own: BenchSmokeIT's apps write bench/target/logs
        Path logs = root.resolve("bench/target/logs/invariants-it");
        Files.createDirectories(logs);
        try (Apps apps = Apps.start(root, logs)) {
            Api backend = new Api(apps.backendUrl);
            flash = new FlashRelease(new Scenario.Context(backend, new Api(apps.simUrl), apps.backendProcess(),
                    Supply.admin(backend), UUID.randomUUID().toString().substring(0, 8)),
                    new FlashRelease.Settings(60, 4, 10, Duration.ofSeconds(2)));
            flash.prepare();
            // 40 arrivals for 4 × 7 places
            Scenario.Phase phase = flash.run("corrupted", 20);
            assertThat(phase.unexpected()).as("answers a flash release never gives").isEmpty();
            Invariants.awaitQuiet(flash.points());
            List<String> notes = new ArrayList<>();
            Map<String, List<String>> found = Invariants.check(flash.points(), flash.ledger(), notes);
            assertThat(found.keySet()).as("an invariant added to the check needs its corruption here").containsExactlyElementsOf(ALL);
            assertThat(Invariants.hold(found)).as(found + " " + notes).isTrue();
        }
        // the backend is stopped from here on: its reconciler would otherwise overwrite a broken Redis counter within
        // 10 s, and no request or job of its may change what is broken while it is checked

        long point = flash.points().get(0);
        List<Booking> bookings = Stores.sql("SELECT id, slot_id, resident_id, units FROM booking WHERE service_point_id = "
                + point + " AND status = 'CONFIRMED' ORDER BY id").stream().map(row -> row.split("\\|"))
                .map(r -> new Booking(Long.parseLong(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]), Integer.parseInt(r[3])))
                .toList();
        assertThat(bookings).as("bookings made by the release, one for each corruption").hasSizeGreaterThanOrEqualTo(10);
        assertThat(flash.ledger().size()).isEqualTo(bookings.size());

        aBookingOverrunsItsSlot(bookings.get(0));
        aSlotsBookedUnitsDriftFromItsBookings(bookings.get(1));
        aResidentHoldsTwoBookingsWhereOneIsAllowed(point, bookings.get(2), bookings.get(3));
        redisCountersDisagreeWithPostgres(point);
        eventsAreMissingOrTwice(bookings.get(4), bookings.get(5), bookings.get(6));
        aBookingIsNotAsTheBenchLeftIt(bookings.get(7));
        aBookingNobodyWasAnsweredFor(point, bookings.get(8));
        // last, as it is not put back
        aBookingAnsweredIsLostWhole(bookings.get(9));
    }

    /** A booking's units beyond its slot's capacity: slot.booked cannot follow (a CHECK keeps it ≤ capacity). */
    private void aBookingOverrunsItsSlot(Booking b) throws InterruptedException {
        long capacity = number("SELECT capacity FROM slot WHERE id = " + b.slot());
        Stores.update("UPDATE booking SET units = units + " + capacity + " WHERE id = " + b.id());

        Map<String, List<String>> found = check();
        assertThat(found.get(Invariants.WITHIN_CAPACITY)).singleElement().asString().startsWith(b.slot() + "|");
        // the same overrun, seen from the slot's own count: the two cannot be told apart
        assertThat(found.get(Invariants.BOOKED_IS_SUM)).singleElement().asString().startsWith(b.slot() + "|");
        onlyBroken(found, Invariants.WITHIN_CAPACITY, Invariants.BOOKED_IS_SUM);

        Stores.update("UPDATE booking SET units = " + b.units() + " WHERE id = " + b.id());
    }

    /** A unit counted in slot.booked that no booking holds; capacity raised alike, so Redis' remaining still agrees. */
    private void aSlotsBookedUnitsDriftFromItsBookings(Booking b) throws InterruptedException {
        Stores.update("UPDATE slot SET booked = booked + 1, capacity = capacity + 1 WHERE id = " + b.slot());

        Map<String, List<String>> found = check();
        assertThat(found.get(Invariants.BOOKED_IS_SUM)).singleElement().asString().startsWith(b.slot() + "|");
        onlyBroken(found, Invariants.BOOKED_IS_SUM);

        Stores.update("UPDATE slot SET booked = booked - 1, capacity = capacity - 1 WHERE id = " + b.slot());
    }

    /** Another resident's booking at the same point and day given to the first: they hold two where one is allowed. */
    private void aResidentHoldsTwoBookingsWhereOneIsAllowed(long point, Booking first, Booking other) throws InterruptedException {
        assertThat(other.resident()).isNotEqualTo(first.resident());
        Stores.update("UPDATE booking SET resident_id = " + first.resident() + " WHERE id = " + other.id());

        Map<String, List<String>> found = check();
        assertThat(found.get(Invariants.ONE_ACTIVE_BOOKING)).singleElement().asString()
                .startsWith(first.resident() + "|" + point + "|").endsWith("|2");
        onlyBroken(found, Invariants.ONE_ACTIVE_BOOKING);

        Stores.update("UPDATE booking SET resident_id = " + other.resident() + " WHERE id = " + other.id());
    }

    /**
     * One booked slot's counter three units high (the gate would let through what PostgreSQL then refuses), another's
     * gone: no reconciler runs, so the check waits its {@link Invariants#RECONCILED_WITHIN} in vain.
     */
    private void redisCountersDisagreeWithPostgres(long point) throws InterruptedException {
        List<String[]> booked = Stores.sql("SELECT id, capacity - booked FROM slot WHERE service_point_id = " + point
                + " AND booked > 0 AND NOT closed ORDER BY id").stream().map(row -> row.split("\\|")).toList();
        assertThat(booked).as("slots with bookings").hasSizeGreaterThanOrEqualTo(2);
        String off = booked.get(0)[0];
        String gone = booked.get(1)[0];
        String offWas = counter(off);
        String goneWas = counter(gone);
        int offBy = Integer.parseInt(booked.get(0)[1]) + 3;
        Stores.redis("SET", "slot:" + off + ":remaining", Integer.toString(offBy));
        Stores.redis("DEL", "slot:" + gone + ":remaining");

        List<String> notes = new ArrayList<>();
        long started = System.nanoTime();
        Map<String, List<String>> found = Invariants.check(flash.points(), flash.ledger(), notes);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for a reconciler's pass")
                .isGreaterThanOrEqualTo(Invariants.RECONCILED_WITHIN);
        assertThat(found.get(Invariants.REDIS_AGREES)).containsExactlyInAnyOrder(
                "slot " + off + ": Redis " + offBy + ", PostgreSQL " + booked.get(0)[1],
                "slot " + gone + ": Redis no counter, PostgreSQL " + booked.get(1)[1]);
        assertThat(notes).singleElement().asString().contains("slot " + off + ": Redis " + offBy);
        onlyBroken(found, Invariants.REDIS_AGREES);

        Stores.redis("SET", "slot:" + off + ":remaining", offWas);
        Stores.redis("SET", "slot:" + gone + ":remaining", goneWas);
    }

    /**
     * A booking's inbox message mislaid, another's outbox row, and a third announced twice in the inbox. Twice needs the
     * inbox's unique dedup key dropped for a moment (the outbox's cannot be: deliveries reference it), put back after;
     * the backend's test profile also rebuilds the test database at its next start (Flyway clean).
     */
    private void eventsAreMissingOrTwice(Booking noMessage, Booking noOutboxRow, Booking twice) throws InterruptedException {
        Stores.update("UPDATE inbox_message SET dedup_key = dedup_key || ':mislaid' WHERE dedup_key = '" + noMessage.made() + "'");
        Stores.update("UPDATE outbox SET dedup_key = dedup_key || ':mislaid' WHERE dedup_key = '" + noOutboxRow.made() + "'");
        Stores.update("ALTER TABLE inbox_message DROP CONSTRAINT inbox_message_dedup_key_key");
        try {
            Stores.update("INSERT INTO inbox_message (resident_id, dedup_key, template_key, data, created_at) SELECT resident_id, "
                    + "dedup_key, template_key, data, created_at FROM inbox_message WHERE dedup_key = '" + twice.made() + "'");

            Map<String, List<String>> found = check();
            assertThat(found.get(Invariants.ONE_EVENT_EACH)).containsExactlyInAnyOrder(noMessage.made() + "|1|0",
                    noOutboxRow.made() + "|0|1", twice.made() + "|1|2");
            onlyBroken(found, Invariants.ONE_EVENT_EACH);
        } finally {
            Stores.update("DELETE FROM inbox_message WHERE dedup_key = '" + twice.made() + "' AND id > (SELECT min(id) FROM "
                    + "inbox_message WHERE dedup_key = '" + twice.made() + "')");
            Stores.update("ALTER TABLE inbox_message ADD CONSTRAINT inbox_message_dedup_key_key UNIQUE (dedup_key)");
        }
        Stores.update("UPDATE inbox_message SET dedup_key = '" + noMessage.made() + "' WHERE dedup_key = '" + noMessage.made()
                + ":mislaid'");
        Stores.update("UPDATE outbox SET dedup_key = '" + noOutboxRow.made() + "' WHERE dedup_key = '" + noOutboxRow.made()
                + ":mislaid'");
    }

    /** Answered 201 and left confirmed by the bench, but checked in in PostgreSQL: still active, so nothing else sees it. */
    private void aBookingIsNotAsTheBenchLeftIt(Booking b) throws InterruptedException {
        Stores.update("UPDATE booking SET status = 'CHECKED_IN', checked_in_at = now() WHERE id = " + b.id());

        Map<String, List<String>> found = check();
        assertThat(found.get(Invariants.NONE_LOST)).containsExactly(
                "booking " + b.id() + ": answered and left CONFIRMED, in PostgreSQL CHECKED_IN");
        onlyBroken(found, Invariants.NONE_LOST);

        Stores.update("UPDATE booking SET status = 'CONFIRMED', checked_in_at = NULL WHERE id = " + b.id());
    }

    /**
     * A booking made whole (its place counted, its events written) for a resident without one at the point, whom the
     * bench never asked for it: as if the backend had booked and answered an error. Its slot's capacity grows with it,
     * so the slot is not overrun and Redis' remaining still agrees: only the ledger can tell.
     */
    private void aBookingNobodyWasAnsweredFor(long point, Booking like) throws InterruptedException {
        long resident = number("SELECT min(id) FROM resident WHERE id NOT IN (SELECT resident_id FROM booking WHERE "
                + "service_point_id = " + point + " AND resident_id IS NOT NULL)");
        long stranger = Long.parseLong(Stores.sql("INSERT INTO booking (reference, resident_id, slot_id, service_type, "
                + "service_point_id, day, units, status, details, created_at, updated_at) SELECT reference || '-X', " + resident
                + ", slot_id, service_type, service_point_id, day, units, 'CONFIRMED', details, now(), now() FROM booking "
                + "WHERE id = " + like.id() + " RETURNING id").get(0));
        String made = "booking:" + stranger + ":CONFIRMED";
        for (String table : List.of("outbox", "inbox_message")) {
            Stores.update("INSERT INTO " + table + " (dedup_key, template_key, resident_id, data, created_at) SELECT '" + made
                    + "', template_key, " + resident + ", data, now() FROM " + table + " WHERE dedup_key = '" + like.made() + "'");
        }
        Stores.update("UPDATE slot SET booked = booked + " + like.units() + ", capacity = capacity + " + like.units()
                + " WHERE id = " + like.slot());

        Map<String, List<String>> found = check();
        assertThat(found.get(Invariants.NONE_UNANNOUNCED)).containsExactly(
                "booking " + stranger + " (CONFIRMED): nobody was answered 201 for it");
        onlyBroken(found, Invariants.NONE_UNANNOUNCED);

        Stores.update("DELETE FROM outbox WHERE dedup_key = '" + made + "'");
        Stores.update("DELETE FROM inbox_message WHERE dedup_key = '" + made + "'");
        Stores.update("DELETE FROM booking WHERE id = " + stranger);
        Stores.update("UPDATE slot SET booked = booked - " + like.units() + ", capacity = capacity - " + like.units()
                + " WHERE id = " + like.slot());
    }

    /**
     * A booking answered 201 of which nothing is left: its row, its people, its events gone and its place given back in
     * PostgreSQL and in Redis (as the reconciler would), as if its transaction had never committed. Only the ledger can
     * tell.
     */
    private void aBookingAnsweredIsLostWhole(Booking b) throws InterruptedException {
        Stores.update("DELETE FROM booking_person WHERE booking_id = " + b.id());
        Stores.update("DELETE FROM outbox WHERE dedup_key LIKE 'booking:" + b.id() + ":%'");
        Stores.update("DELETE FROM inbox_message WHERE dedup_key LIKE 'booking:" + b.id() + ":%'");
        Stores.update("DELETE FROM booking WHERE id = " + b.id());
        Stores.update("UPDATE slot SET booked = booked - " + b.units() + " WHERE id = " + b.slot());
        Stores.redis("INCRBY", "slot:" + b.slot() + ":remaining", Integer.toString(b.units()));

        Map<String, List<String>> found = check();
        assertThat(found.get(Invariants.NONE_LOST)).containsExactly(
                "booking " + b.id() + ": answered and left CONFIRMED, in PostgreSQL missing");
        onlyBroken(found, Invariants.NONE_LOST);
    }

    /** The check, which must not have met Redis drift: each corruption but Redis' keeps the counters agreeing. */
    private Map<String, List<String>> check() throws InterruptedException {
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> found = Invariants.check(flash.points(), flash.ledger(), notes);
        assertThat(notes).as("Redis drift, which this corruption should not make").isEmpty();
        return found;
    }

    /** Every invariant but these holds: the corruption broke nothing else, and the one before was put back. */
    private static void onlyBroken(Map<String, List<String>> found, String... broken) {
        Map<String, List<String>> others = new LinkedHashMap<>(found);
        others.keySet().removeAll(List.of(broken));
        assertThat(others.keySet()).hasSize(ALL.size() - broken.length);
        others.forEach((name, violations) -> assertThat(violations).as(name).isEmpty());
    }

    private static long number(String query) {
        return Long.parseLong(Stores.sql(query).get(0));
    }

    private static String counter(String slot) {
        String value = Stores.redis("GET", "slot:" + slot + ":remaining").get(0).strip();
        assertThat(value).as("slot " + slot + "'s counter").isNotEmpty();
        return value;
    }
}
