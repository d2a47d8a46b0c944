package org.minzheng.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, so replicas retrying after the same WeChat outage spread out. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after the given failed attempt (1 = the first): base·2^(n-1), capped, then 50–100 % of it. */
    public static Duration after(int attempt, Duration base, Duration max) {
        long exponential = base.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(exponential, base.toMillis()), max.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
