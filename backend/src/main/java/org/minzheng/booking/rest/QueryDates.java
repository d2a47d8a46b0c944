package org.minzheng.booking.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Dates in query strings are taken as text and parsed here: JAX-RS answers an unconvertible query
 * parameter with 404, where a client deserves 400 naming the parameter.
 */
public final class QueryDates {

    private QueryDates() {
    }

    /** {@code 2026-10-01} → the date; null stays null; anything else is 400 {@code VALIDATION_FAILED}. */
    public static LocalDate parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new DomainException(400, "VALIDATION_FAILED", List.of(new FieldError(parameter, "INVALID_DATE", null)),
                    Map.of());
        }
    }

    /** As {@link #parse(String, String)}, with {@code otherwise} for an absent value (e.g. today). */
    public static LocalDate parse(String value, String parameter, LocalDate otherwise) {
        LocalDate parsed = parse(value, parameter);
        return parsed == null ? otherwise : parsed;
    }
}
