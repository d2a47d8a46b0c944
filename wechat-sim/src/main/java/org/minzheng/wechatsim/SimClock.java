package org.minzheng.wechatsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

/**
 * The sim's {@link Clock} bean: real time plus an offset that tests push forward through
 * {@code POST /sim/clock}, so code and token expiry can be tested without waiting. Everything in the
 * sim that reads time injects {@link Clock}; only the control API needs this class.
 */
@Singleton
public class SimClock extends Clock {

    private final Clock base = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves time forward; returns the new offset from real time. */
    public Duration advance(Duration by) {
        return offset.accumulateAndGet(by, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A snapshot: later {@link #advance} calls do not move the returned clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base.withZone(zone), offset.get());
    }
}
