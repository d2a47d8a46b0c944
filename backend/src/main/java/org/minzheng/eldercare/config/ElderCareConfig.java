package org.minzheng.eldercare.config;

import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;

/** The bureau's elderly-services settings; the services' rules and rates are data (table eldercare_service). */
@ConfigMapping(prefix = "minzheng.eldercare")
public interface ElderCareConfig {

    /** This district's 6-digit region code: hukou "in the district"; its first four digits: "in the city". */
    String districtRegion();

    /**
     * The time of day (Asia/Shanghai) on a meal's day until which it may be booked or cancelled, e.g.
     * {@code 09:00}, so the canteen knows how much to cook; never later than the lunch slot's start.
     */
    LocalTime mealCutOff();
}
