package org.minzheng.common.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock of the application: business dates and times are in Asia/Shanghai. Code takes time
 * only from an injected {@link Clock} (never {@code Instant.now()}), so tests can move it.
 */
public class ClockProducer {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.system(ZONE);
    }
}
