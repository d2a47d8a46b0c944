package org.minzheng.worker;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one clock of the worker, injected so tests and code agree on "now". */
public class WorkerClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
