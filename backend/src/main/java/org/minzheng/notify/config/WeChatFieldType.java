package org.minzheng.notify.config;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * WeChat's subscribe-message value types and their limits; a value is cut to fit, so a long cemetery
 * name never makes WeChat refuse the whole message (47003).
 */
public enum WeChatFieldType {
    /** Up to 20 characters of any kind. */
    THING {
        @Override
        public String fit(String value) {
            return clip(value, 20);
        }
    },
    /** Up to 5 Chinese characters. */
    PHRASE {
        @Override
        public String fit(String value) {
            return clip(value.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(), 5);
        }
    },
    /** Up to 32 letters, digits and symbols. */
    CHARACTER_STRING {
        @Override
        public String fit(String value) {
            return clip(value.replaceAll("[^\\x21-\\x7E]", ""), 32);
        }
    },
    /** Up to 32 digits, with a decimal point. */
    NUMBER {
        @Override
        public String fit(String value) {
            return clip(value.replaceAll("[^0-9.]", ""), 32);
        }
    },
    /** A plate: up to 8 characters. */
    CAR_NUMBER {
        @Override
        public String fit(String value) {
            return clip(value.replaceAll("\\s", ""), 8);
        }
    },
    /** Up to 10 Chinese characters, or 20 Latin ones. */
    NAME {
        @Override
        public String fit(String value) {
            boolean chinese = value.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            return clip(value, chinese ? 10 : 20);
        }
    },
    /** A day as WeChat shows it: 2026年12月1日. */
    DATE {
        @Override
        public String fit(String value) {
            try {
                return LocalDate.parse(value).format(DateTimeFormatter.ofPattern("yyyy年M月d日"));
            } catch (DateTimeParseException e) {
                return clip(value, 20);
            }
        }
    },
    /** A time of day, 15:01, or a day and time. */
    TIME {
        @Override
        public String fit(String value) {
            try {
                return LocalTime.parse(value).format(DateTimeFormatter.ofPattern("HH:mm"));
            } catch (DateTimeParseException e) {
                return clip(value, 20);
            }
        }
    };

    /** The value cut to this type's limits. */
    public abstract String fit(String value);

    /** The first {@code max} characters (code points, not UTF-16 units). */
    static String clip(String value, int max) {
        return value.codePointCount(0, value.length()) <= max ? value
                : value.substring(0, value.offsetByCodePoints(0, max));
    }
}
