package org.minzheng.wechatsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat's rule for the codes a mini-program gets from wx.login and getPhoneNumber: each works once and
 * only within five minutes of being issued. A code never issued through the control API counts as
 * issued when first seen, so hand-written codes work without ceremony.
 */
final class OneTimeCodes {

    static final Duration VALIDITY = Duration.ofMinutes(5);

    enum Redemption { ACCEPTED, ALREADY_USED, EXPIRED }

    private record Issued(Instant at, boolean used) {
    }

    private final Clock clock;
    private final Map<String, Issued> codes = new ConcurrentHashMap<>();

    OneTimeCodes(Clock clock) {
        this.clock = clock;
    }

    void issue(String code) {
        codes.put(code, new Issued(clock.instant(), false));
    }

    /** Atomic, so two concurrent redemptions of one code cannot both succeed. */
    Redemption redeem(String code) {
        Instant now = clock.instant();
        Redemption[] outcome = new Redemption[1];
        codes.compute(code, (key, issued) -> {
            if (issued == null) {
                outcome[0] = Redemption.ACCEPTED;
                return new Issued(now, true);
            }
            if (issued.used()) {
                outcome[0] = Redemption.ALREADY_USED;
                return issued;
            }
            if (!now.isBefore(issued.at().plus(VALIDITY))) {
                outcome[0] = Redemption.EXPIRED;
                return issued;
            }
            outcome[0] = Redemption.ACCEPTED;
            return new Issued(issued.at(), true);
        });
        return outcome[0];
    }

    void reset() {
        codes.clear();
    }
}
