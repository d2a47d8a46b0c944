package org.minzheng.memorial.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bureau's tomb-sweeping rules that are settings rather than law (DESIGN.md §4). */
@ConfigMapping(prefix = "minzheng.memorial")
public interface MemorialConfig {

    /** Outside the declared peak days: no booking at all, or bookings on the gates' weekly schedules. */
    enum OffPeak {
        /** Visitors just come; the API says so and refuses bookings. */
        NO_BOOKING,
        /** Gates' weekly schedules (with relaxed capacity) take bookings as on peak days. */
        RELAXED
    }

    @WithDefault("NO_BOOKING")
    OffPeak offPeak();

    /** People named in one booking, each with an ID number (children under 14 are counted apart). */
    @WithDefault("5")
    int maxPartySize();

    /** Children under 14 one booking may bring along, not counted in the party. */
    @WithDefault("5")
    int maxChildren();

    /** How long before its window a booking may enter a gate; entry ends with the window. */
    @WithDefault("PT30M")
    Duration entryOpensBefore();

    /** Free windows offered to each booking a closure cancels. */
    @WithDefault("3")
    int closureOffers();
}
