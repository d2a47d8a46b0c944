package org.minzheng.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What must hold after any run, whatever its speed, checked in PostgreSQL and Redis themselves: a run that
 * breaks one is a failed run.
 */
final class Invariants {

    private static final String ACTIVE = "('PENDING', 'CONFIRMED', 'CHECKED_IN')";

    private Invariants() {
    }

    /** Each invariant's name and the violations found (empty: it holds). */
    static Map<String, List<String>> check(FlashRelease.Run run) {
        String point = Long.toString(run.pointId());
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put("booked units ≤ capacity, every slot", Stores.sql(
                "SELECT id, booked, capacity FROM slot WHERE service_point_id = " + point + " AND booked > capacity"));
        found.put("booked units = sum of active bookings, every slot", Stores.sql(
                "SELECT s.id, s.booked, coalesce(sum(b.units), 0) FROM slot s LEFT JOIN booking b ON b.slot_id = s.id "
                        + "AND b.status IN " + ACTIVE + " WHERE s.service_point_id = " + point
                        + " GROUP BY s.id, s.booked HAVING s.booked <> coalesce(sum(b.units), 0)"));
        found.put("no resident with two active bookings where one is allowed (one a type, point and day)", Stores.sql(
                "SELECT resident_id, day, count(*) FROM booking WHERE service_point_id = " + point + " AND status IN "
                        + ACTIVE + " GROUP BY resident_id, service_type, day HAVING count(*) > 1"));
        found.put("Redis' remaining units = capacity − booked in PostgreSQL, every slot", redisAgrees(run));
        found.put("every confirmed booking has exactly one outbox row and one inbox message", Stores.sql(
                "SELECT b.id, (SELECT count(*) FROM outbox o WHERE o.dedup_key = 'booking:' || b.id || ':CONFIRMED'), "
                        + "(SELECT count(*) FROM inbox_message i WHERE i.dedup_key = 'booking:' || b.id || ':CONFIRMED') "
                        + "FROM booking b WHERE b.service_point_id = " + point + " AND b.status = 'CONFIRMED' AND ("
                        + "(SELECT count(*) FROM outbox o WHERE o.dedup_key = 'booking:' || b.id || ':CONFIRMED') <> 1 OR "
                        + "(SELECT count(*) FROM inbox_message i WHERE i.dedup_key = 'booking:' || b.id || ':CONFIRMED') <> 1)"));
        long active = Long.parseLong(Stores.sql("SELECT count(*) FROM booking WHERE service_point_id = " + point
                + " AND status IN " + ACTIVE).get(0));
        long answered = run.load().count("201");
        found.put("bookings answered 201 = active bookings in PostgreSQL (none lost, none unannounced)",
                active == answered ? List.of() : List.of(answered + " answered 201, " + active + " active"));
        return found;
    }

    static boolean hold(Map<String, List<String>> found) {
        return found.values().stream().allMatch(List::isEmpty);
    }

    /** A slot without a Redis counter is fine (the gate rebuilds it from PostgreSQL); one with a counter must agree. */
    private static List<String> redisAgrees(FlashRelease.Run run) {
        Map<Long, Long> expected = Stores.sql("SELECT id, capacity - booked FROM slot WHERE service_point_id = "
                + run.pointId() + " ORDER BY id").stream().map(row -> row.split("\\|"))
                .collect(Collectors.toMap(r -> Long.parseLong(r[0]), r -> Long.parseLong(r[1]), (a, b) -> a, LinkedHashMap::new));
        List<String> keys = expected.keySet().stream().map(id -> "slot:" + id + ":remaining").toList();
        List<String> command = new ArrayList<>(List.of("MGET"));
        command.addAll(keys);
        List<String> values = Stores.redis(command.toArray(String[]::new));
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Long, Long> slot : expected.entrySet()) {
            String value = i < values.size() ? values.get(i).strip() : "";
            if (!value.isEmpty() && Long.parseLong(value) != slot.getValue()) {
                problems.add("slot " + slot.getKey() + ": Redis " + value + ", PostgreSQL " + slot.getValue());
            }
            i++;
        }
        return problems;
    }
}
