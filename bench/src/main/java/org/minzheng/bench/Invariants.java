package org.minzheng.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What must hold after any run, whatever its speed, checked in PostgreSQL and Redis themselves on the run's
 * service points: a run that breaks one is a failed run.
 */
final class Invariants {

    /** The invariants' names, as {@link #check} keys its findings and the report lists them. */
    static final String WITHIN_CAPACITY = "active bookings' units ≤ capacity, every slot";
    static final String BOOKED_IS_SUM = "booked units = sum of active bookings, every slot";
    static final String ONE_ACTIVE_BOOKING = "no resident with two active bookings where one is allowed (one a type, point "
            + "and day)";
    static final String REDIS_AGREES = "Redis' remaining units = capacity − booked in PostgreSQL, every slot booked (after "
            + "reconciliation)";
    static final String ONE_EVENT_EACH = "every booking has exactly one outbox row and one inbox message for each of its "
            + "events";
    static final String NONE_LOST = "every booking answered 201 is in PostgreSQL, as the bench left it (none lost)";
    static final String NONE_UNANNOUNCED = "no booking nobody was answered 201 for, but the waitlist's offers and "
            + "requests given up unanswered (none unannounced)";

    private static final String ACTIVE = "('PENDING', 'CONFIRMED', 'CHECKED_IN')";
    /** Longer than the backend's reconciliation period in the bench ({@code Apps}). */
    static final java.time.Duration RECONCILED_WITHIN = java.time.Duration.ofSeconds(25);

    /**
     * The bookings the bench was answered 201 for, and the status it left each in (cancelled, checked in); and what it
     * cannot know: a request given up unanswered (NO_ANSWER) may still have booked, cancelled or checked in.
     */
    static final class Ledger {
        private final Map<Long, String> expected = new ConcurrentHashMap<>();
        private final Set<String> unknownBookings = ConcurrentHashMap.newKeySet();
        private final Set<Long> unknownStatus = ConcurrentHashMap.newKeySet();

        void booked(long id) {
            expected.put(id, "CONFIRMED");
        }

        void left(long id, String status) {
            expected.put(id, status);
        }

        /** A booking request of this resident for this slot went unanswered: a booking of theirs there is no stranger. */
        void unanswered(long residentId, long slotId) {
            unknownBookings.add(residentId + ":" + slotId);
        }

        /** A change to this booking went unanswered: it may or may not have happened. */
        void unanswered(long bookingId) {
            unknownStatus.add(bookingId);
        }

        int size() {
            return expected.size();
        }
    }

    private Invariants() {
    }

    /** Each invariant's name and the violations found (empty: it holds). */
    static Map<String, List<String>> check(List<Long> pointIds, Ledger ledger, List<String> notes) throws InterruptedException {
        String points = pointIds.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        String slots = "SELECT id FROM slot WHERE service_point_id IN " + points;
        Map<String, List<String>> found = new LinkedHashMap<>();
        // slot.booked ≤ capacity is a CHECK constraint: the bookings themselves are what could overrun a slot
        found.put(WITHIN_CAPACITY, Stores.sql(
                "SELECT s.id, sum(b.units), s.capacity FROM slot s JOIN booking b ON b.slot_id = s.id AND b.status IN "
                        + ACTIVE + " WHERE s.service_point_id IN " + points + " GROUP BY s.id, s.capacity "
                        + "HAVING sum(b.units) > s.capacity"));
        found.put(BOOKED_IS_SUM, Stores.sql(
                "SELECT s.id, s.booked, coalesce(sum(b.units), 0) FROM slot s LEFT JOIN booking b ON b.slot_id = s.id "
                        + "AND b.status IN " + ACTIVE + " WHERE s.service_point_id IN " + points
                        + " GROUP BY s.id, s.booked HAVING s.booked <> coalesce(sum(b.units), 0)"));
        found.put(ONE_ACTIVE_BOOKING, Stores.sql(
                "SELECT resident_id, service_point_id, day, count(*) FROM booking WHERE service_point_id IN " + points
                        + " AND status IN " + ACTIVE + " AND resident_id IS NOT NULL "
                        + "GROUP BY resident_id, service_type, service_point_id, day "
                        + "HAVING count(*) > 1"));
        // the gate's counters follow PostgreSQL exactly unless a request failed between the two (a 500, a timeout):
        // the backend's reconciler then repairs them (every 10 s in the bench, a minute in production)
        List<String> drift = redisAgrees(points);
        if (!drift.isEmpty()) {
            notes.add("Redis counters that disagreed with PostgreSQL before the reconciler's next pass: " + drift.size() + ": "
                    + String.join("; ", drift.subList(0, Math.min(5, drift.size()))));
            Thread.sleep(RECONCILED_WITHIN.toMillis());
            drift = redisAgrees(points);
        }
        found.put(REDIS_AGREES, drift);
        // every booking was announced once when made (a waitlist's offer as a hold), and once more when cancelled
        found.put(ONE_EVENT_EACH, Stores.sql(
                "WITH event AS (SELECT id, 'booking:' || id || ':' || (CASE WHEN details ? 'waitlistEntryId' THEN 'PENDING' "
                        + "ELSE 'CONFIRMED' END) AS dedup FROM booking WHERE slot_id IN (" + slots + ") "
                        + "UNION ALL SELECT id, 'booking:' || id || ':CANCELLED' FROM booking WHERE status = 'CANCELLED' "
                        + "AND slot_id IN (" + slots + ")) "
                        + "SELECT e.dedup, (SELECT count(*) FROM outbox o WHERE o.dedup_key = e.dedup) AS o, "
                        + "(SELECT count(*) FROM inbox_message i WHERE i.dedup_key = e.dedup) AS i FROM event e "
                        + "WHERE (SELECT count(*) FROM outbox o WHERE o.dedup_key = e.dedup) <> 1 "
                        + "OR (SELECT count(*) FROM inbox_message i WHERE i.dedup_key = e.dedup) <> 1"));
        found.putAll(ledgerAgrees(slots, ledger));
        return found;
    }

    static boolean hold(Map<String, List<String>> found) {
        return found.values().stream().allMatch(List::isEmpty);
    }

    /**
     * Waits until the stores stop changing on these points: a request the client gave up on (NO_ANSWER) may still be
     * running in the backend, and would make the checks race it.
     */
    static void awaitQuiet(List<Long> pointIds) throws InterruptedException {
        String points = pointIds.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        String probe = "SELECT count(*), coalesce(max(updated_at)::text, '') FROM booking WHERE service_point_id IN " + points;
        List<String> last = Stores.sql(probe);
        int quiet = 0;
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (quiet < 3 && System.nanoTime() < until) {
            Thread.sleep(1000);
            List<String> now = Stores.sql(probe);
            quiet = now.equals(last) ? quiet + 1 : 0;
            last = now;
        }
    }

    /** Every booking answered 201 is there, as the bench left it; any other is a waitlist's offer, made by the engine. */
    private static Map<String, List<String>> ledgerAgrees(String slots, Ledger ledger) {
        Map<Long, String> inDatabase = new LinkedHashMap<>();
        List<String> unasked = new ArrayList<>();
        for (String row : Stores.sql("SELECT id, status, CAST(details ? 'waitlistEntryId' AS int), resident_id, slot_id "
                + "FROM booking WHERE slot_id IN (" + slots + ") ORDER BY id")) {
            String[] r = row.split("\\|");
            long id = Long.parseLong(r[0]);
            inDatabase.put(id, r[1]);
            if (!ledger.expected.containsKey(id) && !"1".equals(r[2]) && !ledger.unknownBookings.contains(r[3] + ":" + r[4])) {
                unasked.add("booking " + id + " (" + r[1] + "): nobody was answered 201 for it");
            }
        }
        List<String> differ = new ArrayList<>();
        ledger.expected.forEach((id, status) -> {
            String found = inDatabase.get(id);
            if (!status.equals(found) && !(found != null && ledger.unknownStatus.contains(id))) {
                differ.add("booking " + id + ": answered and left " + status + ", in PostgreSQL " + (found == null ? "missing" : found));
            }
        });
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put(NONE_LOST, differ);
        found.put(NONE_UNANNOUNCED, unasked);
        return found;
    }

    /**
     * A slot with units booked went through the gate, so its counter must be there and agree (closed: 0 remaining);
     * an untouched slot may have none yet (the gate builds it from PostgreSQL on first use).
     */
    private static List<String> redisAgrees(String points) {
        Map<Long, long[]> expected = Stores.sql("SELECT id, CASE WHEN closed THEN 0 ELSE capacity - booked END, booked "
                + "FROM slot WHERE service_point_id IN " + points + " ORDER BY id").stream().map(row -> row.split("\\|"))
                .collect(Collectors.toMap(r -> Long.parseLong(r[0]), r -> new long[] { Long.parseLong(r[1]), Long.parseLong(r[2]) },
                        (a, b) -> a, LinkedHashMap::new));
        List<String> problems = new ArrayList<>();
        if (expected.isEmpty()) {
            return problems;
        }
        List<String> command = new ArrayList<>(List.of("MGET"));
        expected.keySet().forEach(id -> command.add("slot:" + id + ":remaining"));
        List<String> values = Stores.redis(command.toArray(String[]::new));
        int i = 0;
        for (Map.Entry<Long, long[]> slot : expected.entrySet()) {
            String value = i < values.size() ? values.get(i).strip() : "";
            long remaining = slot.getValue()[0];
            if (value.isEmpty() ? slot.getValue()[1] > 0 : Long.parseLong(value) != remaining) {
                problems.add("slot " + slot.getKey() + ": Redis " + (value.isEmpty() ? "no counter" : value) + ", PostgreSQL "
                        + remaining);
            }
            i++;
        }
        return problems;
    }
}
