package org.minzheng.booking.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Timers of the engine. Each is safe on every replica at once (rows are claimed with SKIP LOCKED). */
@ApplicationScoped
public class BookingJobs {

    private final Bookings bookings;
    private final CounterDesk desk;

    public BookingJobs(Bookings bookings, CounterDesk desk) {
        this.bookings = bookings;
        this.desk = desk;
    }

    @Scheduled(every = "${minzheng.booking.no-show-every:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> markNoShows() {
        return desk.markMissed()
                .onFailure().invoke(f -> Log.warnf("No-show marking failed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${minzheng.booking.hold-expiry-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireHolds() {
        return bookings.expireDueHolds()
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Expired %d holds", count);
                    }
                })
                .onFailure().invoke(f -> Log.warnf("Hold expiry failed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
