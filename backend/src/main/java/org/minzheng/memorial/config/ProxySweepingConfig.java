package org.minzheng.memorial.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import jakarta.validation.constraints.Min;

/** 代祭扫 settings: how far ahead a resident may ask, and how many a cemetery's staff can do in a day. */
@ConfigMapping(prefix = "minzheng.memorial.proxy-sweeping")
public interface ProxySweepingConfig {

    /** The last day that may be asked for, counted from today (the first is tomorrow). */
    @WithDefault("60")
    @Min(1)
    int horizonDays();

    /** Requests a cemetery takes per day (live ones: a cancellation gives its place back). */
    @WithDefault("30")
    @Min(1)
    int dailyLimit();
}
