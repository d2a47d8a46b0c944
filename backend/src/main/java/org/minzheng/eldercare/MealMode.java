package org.minzheng.eldercare;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/** How an elder has their lunch: at the canteen, or brought home where the canteen delivers. */
public enum MealMode {
    DINE_IN, DELIVERY;

    /** In a meal booking's details: the mode. */
    public static final String DETAIL = "mode";
    /** In a meal booking's details, optional: the total the resident was quoted, which the booking must match. */
    public static final String EXPECTED_PRICE = "expectedPriceCny";

    /** The mode a booking's details ask for, dine-in when they say none; anything but the mode and the quoted price is refused. */
    public static MealMode of(Map<String, Object> details) {
        Map<String, Object> given = details == null ? Map.of() : details;
        if (!given.keySet().stream().allMatch(k -> k.equals(DETAIL) || k.equals(EXPECTED_PRICE))) {
            throw new DomainException(422, "UNKNOWN_DETAIL");
        }
        Object mode = given.getOrDefault(DETAIL, DINE_IN.name());
        if (!(mode instanceof String name) || Arrays.stream(values()).noneMatch(m -> m.name().equals(name))) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError("details." + DETAIL, "INVALID_CHOICE", null)), Map.of());
        }
        Object expected = given.get(EXPECTED_PRICE);
        if (expected != null && !(expected instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0)) {
            throw new DomainException(400, "VALIDATION_FAILED",
                    List.of(new FieldError("details." + EXPECTED_PRICE, "OUT_OF_RANGE", null)), Map.of());
        }
        return valueOf(name);
    }

    /** The mode of a booking whose details were checked with {@link #of} when it was made. */
    public static MealMode chosenIn(Map<String, Object> details) {
        return valueOf((String) details.getOrDefault(DETAIL, DINE_IN.name()));
    }
}
