package org.minzheng.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

import org.minzheng.booking.SlotInfo;
import org.minzheng.booking.rest.AvailabilityResource.SlotAvailability;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Slot lists with remaining units for residents refreshing a popular day. The slot rows (which change
 * rarely) come from PostgreSQL at most once a second per query and replica; the remaining units from the
 * gate's Redis counters, falling back to the rows' own count when Redis has none or is down. Bookings
 * are never scanned.
 */
@ApplicationScoped
public class Availability {

    static final Duration ROWS_FRESH_FOR = Duration.ofSeconds(1);
    private static final int MAX_DAYS = 31;
    private static final int MAX_CACHED_QUERIES = 2_000;

    private record Query(long point, String type, LocalDate from, LocalDate to) {
    }

    private final SlotInventory inventory;
    private final ReactiveValueCommands<String, String> values;
    private final Clock clock;
    private final Map<Query, Uni<List<SlotInfo>>> rows = new ConcurrentHashMap<>();

    public Availability(SlotInventory inventory, ReactiveRedisDataSource redis, Clock clock) {
        this.inventory = inventory;
        this.values = redis.value(String.class);
        this.clock = clock;
    }

    public Uni<List<SlotAvailability>> slots(long point, String serviceType, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new DomainException(400, "INVALID_DATE_RANGE", List.of(new FieldError("to", "INVALID_DATE_RANGE", null)),
                    Map.of(), MAX_DAYS);
        }
        return rows(new Query(point, serviceType, from, to)).flatMap(slots -> remaining(slots).map(counts -> {
            List<SlotAvailability> answer = new ArrayList<>(slots.size());
            for (int i = 0; i < slots.size(); i++) {
                SlotInfo s = slots.get(i);
                int remaining = s.closed() ? 0 : Math.max(0, Math.min(counts.get(i)[0], s.capacity()));
                Integer parking = s.parkingCapacity() == null ? null
                        : s.closed() ? 0 : Math.max(0, Math.min(counts.get(i)[1], s.parkingCapacity()));
                boolean open = !s.closed() && (s.releaseAt() == null || !clock.instant().isBefore(s.releaseAt()));
                answer.add(new SlotAvailability(s.id(), s.day(), s.startsAt(), s.endsAt(), s.capacity(), remaining,
                        s.parkingCapacity(), parking, s.releaseAt(), open));
            }
            return answer;
        }));
    }

    private Uni<List<SlotInfo>> rows(Query query) {
        if (rows.size() > MAX_CACHED_QUERIES) {
            rows.clear();
        }
        // deferred: each refresh of the memo reads in the session of the request that subscribes to it, not in the
        // Vert.x context of the request that made the entry (long gone: "No current Mutiny.Session found")
        return rows.computeIfAbsent(query, q -> Uni.createFrom().deferred(() -> inventory.read(q.point(), q.type(), q.from(), q.to()))
                .memoize().forFixedDuration(ROWS_FRESH_FOR));
    }

    /** Remaining units and parking places of each slot: the gate's counters, else the rows' own counts. */
    private Uni<List<int[]>> remaining(List<SlotInfo> slots) {
        if (slots.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] keys = slots.stream().flatMap(s -> java.util.stream.Stream.of(SlotGate.counterKey(s.id()),
                SlotGate.parkingKey(s.id()))).toArray(String[]::new);
        return values.mget(keys)
                .map(found -> slots.stream().map(s -> new int[] {
                        counter(found.get(SlotGate.counterKey(s.id())), s.remaining()),
                        counter(found.get(SlotGate.parkingKey(s.id())), s.parkingRemaining()) }).toList())
                .onFailure().recoverWithItem(() -> slots.stream().map(s -> new int[] { s.remaining(), s.parkingRemaining() })
                        .toList());
    }

    private static int counter(String value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value);
    }
}
