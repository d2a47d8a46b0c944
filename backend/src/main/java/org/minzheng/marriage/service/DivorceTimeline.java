package org.minzheng.marriage.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Moves divorce cases along their dates on every replica (safe: see {@link DivorceCases#advance()}). */
@ApplicationScoped
public class DivorceTimeline {

    private final DivorceCases cases;

    public DivorceTimeline(DivorceCases cases) {
        this.cases = cases;
    }

    @Scheduled(every = "${minzheng.marriage.timeline-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return cases.advance()
                .invoke(moved -> {
                    if (moved > 0) {
                        Log.infof("Divorce cases moved along their dates: %d", moved);
                    }
                })
                .onFailure().invoke(f -> Log.warnf("Divorce timeline paused: %s", f.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
