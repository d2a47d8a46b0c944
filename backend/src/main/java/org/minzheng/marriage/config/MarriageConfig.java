package org.minzheng.marriage.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The marriage office's rules that are settings rather than law. */
@ConfigMapping(prefix = "minzheng.marriage")
public interface MarriageConfig {

    /** How long the partner has to confirm a booking (never past the slot itself). */
    @WithDefault("PT24H")
    Duration partnerHold();

    /** The most people a certificate ceremony may gather, the couple included. */
    @WithDefault("30")
    int ceremonyMaxPartySize();

    /** How often divorce cases move along their dates (window opening, closing reminder, lapse); "off" in tests. */
    @WithDefault("1h")
    String timelineEvery();
}
