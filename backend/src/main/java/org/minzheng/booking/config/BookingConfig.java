package org.minzheng.booking.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "minzheng.booking")
public interface BookingConfig {

    /**
     * How far ahead slots exist: from today (Asia/Shanghai) through today + this many days. Residents can
     * book no further ahead than this.
     */
    @WithDefault("15")
    int horizonDays();

    /** Per service type, e.g. {@code minzheng.booking.horizon-days-by-type.TOMB_SWEEPING=30}. */
    Map<String, Integer> horizonDaysByType();

    /**
     * How often every replica reconciles the slot table with schedules, exceptions and the calendar, e.g.
     * {@code 10m}; the first run is right after start-up. {@code off} disables the job (tests run it by hand).
     */
    @WithDefault("10m")
    String materialiseEvery();

    /** How often expired holds are released and offered on ({@code off} in tests, which call it). */
    @WithDefault("15s")
    String holdExpiryEvery();

    /** How often the Redis slot counters are overwritten with PostgreSQL's truth. */
    @WithDefault("60s")
    String reconcileEvery();

    /** How often unattended confirmed bookings of past slots are marked no-shows. */
    @WithDefault("10m")
    String noShowEvery();

    default int horizonDays(String serviceType) {
        return horizonDaysByType().getOrDefault(serviceType, horizonDays());
    }
}
