package org.minzheng.counseling.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "minzheng.counseling")
public interface CounselingConfig {

    /** Sessions close for booking this long before they start, so the counselor can prepare. */
    @WithDefault("PT2H")
    Duration bookingCutoff();

    /** A session may be cancelled until this long before it starts. */
    @WithDefault("PT2H")
    Duration cancellationCutoff();

    /** The finder's sessions per counselor. */
    @WithDefault("5")
    int sessionsPerCounselor();
}
