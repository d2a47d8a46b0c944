package org.minzheng.eldercare;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** How an elder has their lunch: at the canteen, or brought home where the canteen delivers. */
public enum MealMode {
    DINE_IN, DELIVERY;

    /** In a meal booking's details: the mode; the only detail a meal booking takes. */
    public static final String DETAIL = "mode";

    /** The mode a booking's details ask for, dine-in when they say none; anything else in them is refused. */
    public static MealMode of(Map<String, Object> details) {
        Map<String, Object> given = details == null ? Map.of() : details;
        if (!given.keySet().stream().allMatch(DETAIL::equals)) {
            throw new DomainException(422, "UNKNOWN_DETAIL");
        }
        Object mode = given.getOrDefault(DETAIL, DINE_IN.name());
        if (!(mode instanceof String name) || Arrays.stream(values()).noneMatch(m -> m.name().equals(name))) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError("details." + DETAIL, "INVALID_CHOICE", null)), Map.of());
        }
        return valueOf(name);
    }

    /** The mode of a booking whose details were checked with {@link #of} when it was made. */
    public static MealMode chosenIn(Map<String, Object> details) {
        return valueOf((String) details.getOrDefault(DETAIL, DINE_IN.name()));
    }
}
