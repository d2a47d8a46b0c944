package org.minzheng.common.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * Free text residents and staff write (a grave's place, a message, a note, a counseling description). Lengths are checked by Bean
 * Validation in the resources; this refuses what no person types but an attacker might: control
 * characters (a line break only where a text may have lines) and the bidirectional overrides and
 * isolates that make a staff screen show something other than what is stored.
 */
public final class FreeText {

    public static final String CODE = "CONTROL_CHARACTERS";

    private static final Pattern ONE_LINE = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern LINES = Pattern.compile("[\\p{Cc}&&[^\\n\\r]]|[\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

    private FreeText() {
    }

    /** Collects field errors of one request; {@code orFail()} answers 400 when there is any. */
    public static Check check() {
        return new Check();
    }

    public static final class Check {
        private final List<FieldError> errors = new ArrayList<>();

        public Check line(String field, String value) {
            return test(field, value, ONE_LINE);
        }

        public Check lines(String field, String value) {
            return test(field, value, LINES);
        }

        private Check test(String field, String value, Pattern refused) {
            if (value != null && refused.matcher(value).find()) {
                errors.add(new FieldError(field, CODE, null));
            }
            return this;
        }

        public void orFail() {
            if (!errors.isEmpty()) {
                throw new DomainException(400, "VALIDATION_FAILED", errors, Map.of());
            }
        }
    }

    /** Blank optional text is no text. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
