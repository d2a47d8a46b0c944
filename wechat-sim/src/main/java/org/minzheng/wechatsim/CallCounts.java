package org.minzheng.wechatsim;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

/** How often each API was called, whatever the outcome, so tests can assert on caching and retries. */
@Singleton
public class CallCounts {

    private final Map<Api, LongAdder> counts = new EnumMap<>(Api.class);

    CallCounts() {
        for (Api api : Api.values()) {
            counts.put(api, new LongAdder());
        }
    }

    void increment(Api api) {
        counts.get(api).increment();
    }

    public long of(Api api) {
        return counts.get(api).sum();
    }

    void reset() {
        counts.values().forEach(LongAdder::reset);
    }
}
