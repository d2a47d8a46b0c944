package org.minzheng.marriage;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.minzheng.marriage.config.MarriageConfig;
import org.minzheng.notify.Outbox;

/** The first divorce visit (DIVORCE_APPLICATION): both spouses, held until the other one confirms. */
@Singleton
public class DivorceApplicationPolicy extends CouplePolicy {

    public static final String TYPE = "DIVORCE_APPLICATION";

    public DivorceApplicationPolicy(MarriageConfig config, Outbox outbox, Clock clock) {
        super(TYPE, "DIVORCE_INVITATION", config.partnerHold(), outbox, clock);
    }
}
