package org.minzheng.casework.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Takes the workflows' timed transitions on every replica (safe: see {@link Applications#runTimers(int)}). */
@ApplicationScoped
public class WorkflowTimer {

    private static final int BATCH = 200;

    private final Applications applications;

    public WorkflowTimer(Applications applications) {
        this.applications = applications;
    }

    @Scheduled(every = "${minzheng.casework.timer-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return applications.runTimers(BATCH)
                .invoke(moved -> {
                    if (moved > 0) {
                        Log.infof("Applications moved on as their time ran out: %d", moved);
                    }
                })
                .onFailure().invoke(f -> Log.warnf("Workflow timer paused: %s", f.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
