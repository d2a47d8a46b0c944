package org.minzheng.eldercare;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A canteen's lunch on one workday: its dishes, its price before any subsidy, and whether it is delivered and
 * for what fee (zero when it is not).
 */
public record MealMenu(long servicePointId, LocalDate day, List<String> dishes, BigDecimal priceCny, boolean deliveryOffered,
        BigDecimal deliveryFeeCny, Instant updatedAt) {
}
