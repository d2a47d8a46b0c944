package org.minzheng.booking.service;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Periodically overwrites the gate's Redis counters with PostgreSQL's truth, repairing any drift (a
 * give-back lost to a crash, a counter restored from an old Redis snapshot). Safe on every replica at
 * once: each writes the same truth.
 */
@ApplicationScoped
public class SlotCounterReconciler {

    static final int DAYS_AHEAD = 31;

    private final SlotGate gate;
    private final Clock clock;

    public SlotCounterReconciler(SlotGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Scheduled(every = "${minzheng.booking.reconcile-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return reconcile().onFailure().invoke(f -> Log.warnf("Slot counter reconciliation failed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Integer> reconcile() {
        LocalDate today = LocalDate.now(clock);
        return gate.reconcile(today, today.plusDays(DAYS_AHEAD));
    }
}
