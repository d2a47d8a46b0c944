package org.minzheng.booking.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Rolls the slot horizon forward on every replica: right after start-up, then every
 * {@code minzheng.booking.materialise-every}. Replicas running at once share the work pair by pair (a
 * pair being reconciled elsewhere is skipped), and a run over an unchanged state writes nothing.
 */
@ApplicationScoped
public class SlotMaterialisationJob {

    private final SlotMaterialiser materialiser;
    private final SlotCounterReconciler counters;

    public SlotMaterialisationJob(SlotMaterialiser materialiser, SlotCounterReconciler counters) {
        this.materialiser = materialiser;
        this.counters = counters;
    }

    @Scheduled(identity = "slot-materialiser", every = "${minzheng.booking.materialise-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return materialiser.materialiseAll()
                .invoke(outcome -> {
                    if (outcome.changedAnything() || outcome.failed() > 0) {
                        Log.infof("Slots materialised: %s", outcome);
                    } else {
                        Log.debugf("Slots materialised, nothing changed: %s", outcome);
                    }
                })
                // changed capacities and closures reach the booking gate now, not at its next reconciliation
                .call(outcome -> outcome.changedAnything() ? counters.reconcile() : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }
}
