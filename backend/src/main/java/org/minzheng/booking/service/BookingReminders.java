package org.minzheng.booking.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import org.minzheng.notify.Outbox;

/**
 * The day-before reminder of every confirmed booking, at a configured hour in Asia/Shanghai. Each
 * reminder's dedup key names the booking and its day, so a second run, a second replica or a retry
 * after a crash adds nothing.
 */
@ApplicationScoped
public class BookingReminders {

    private final Outbox outbox;
    private final Clock clock;

    public BookingReminders(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(cron = "${minzheng.notify.reminder-cron:0 0 18 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return remindOf(LocalDate.now(clock).plusDays(1))
                .invoke(count -> Log.infof("Queued %d booking reminders", count))
                .onFailure().invoke(f -> Log.warnf("Booking reminders failed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Queues a reminder for every confirmed booking on {@code day}; answers how many were new. */
    public Uni<Integer> remindOf(LocalDate day) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT b.id, b.reference, b.service_type, b.service_point_id, b.resident_id, s.starts_at, s.ends_at,
                       (SELECT count(*) FROM outbox o WHERE o.dedup_key = 'booking:' || b.id || ':REMINDER:' || b.day),
                       coalesce(b.details -> 'discreet' = 'true'::jsonb, FALSE)
                FROM booking b JOIN slot s ON s.id = b.slot_id
                WHERE b.day = :day AND b.status = 'CONFIRMED' AND b.resident_id IS NOT NULL
                ORDER BY b.id""", Object[].class)
                .setParameter("day", day).getResultList()
                .flatMap(rows -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Object[] r : rows) {
                        long id = ((Number) r[0]).longValue();
                        boolean queued = ((Number) r[7]).longValue() > 0;
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("bookingId", id);
                        data.put("reference", r[1]);
                        data.put("serviceType", r[2]);
                        data.put("servicePointId", r[3]);
                        data.put("day", day.toString());
                        data.put("startsAt", ((LocalTime) r[5]).toString());
                        data.put("endsAt", ((LocalTime) r[6]).toString());
                        if ((Boolean) r[8]) {
                            data.put(Outbox.DISCREET, true);
                        }
                        chain = chain.flatMap(count -> outbox.record("booking:" + id + ":REMINDER:" + day,
                                "BOOKING_REMINDER", ((Number) r[4]).longValue(), data).replaceWith(queued ? count : count + 1));
                    }
                    return chain;
                })));
    }
}
