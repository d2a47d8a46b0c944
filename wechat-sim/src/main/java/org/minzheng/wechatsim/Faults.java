package org.minzheng.wechatsim;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;

/**
 * The queued faults, in one FIFO list so that specific and wildcard faults apply in the order tests
 * queued them. Synchronized: taking a fault and counting down its {@code times} must be one step.
 */
@Singleton
public class Faults {

    private final List<Fault> queue = new ArrayList<>();

    synchronized void add(Fault fault) {
        queue.add(fault);
        Log.infof("Queued fault %s", fault);
    }

    /** The first fault for the API, used up by one call. */
    synchronized Optional<Fault> take(Api api) {
        for (ListIterator<Fault> it = queue.listIterator(); it.hasNext();) {
            Fault fault = it.next();
            if (fault.appliesTo(api)) {
                if (fault.times() > 1) {
                    it.set(fault.onceLess());
                } else {
                    it.remove();
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        queue.clear();
    }
}
