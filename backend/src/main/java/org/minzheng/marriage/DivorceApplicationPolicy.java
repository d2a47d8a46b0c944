package org.minzheng.marriage;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.minzheng.marriage.config.MarriageConfig;
import org.minzheng.notify.Outbox;

/** The first divorce visit (DIVORCE_APPLICATION): both spouses, held until the other one confirms. */
@Singleton
public class DivorceApplicationPolicy extends CouplePolicy {

    public static final String TYPE = "DIVORCE_APPLICATION";

    private final MarriageConfig config;

    public DivorceApplicationPolicy(MarriageConfig config, Outbox outbox) {
        super(outbox);
        this.config = config;
    }

    @Override
    public String serviceType() {
        return TYPE;
    }

    @Override
    public Duration holdDuration() {
        return config.partnerHold();
    }

    @Override
    protected String partnerMessage() {
        return "DIVORCE_INVITATION";
    }
}
