package org.minzheng.wechatsim;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * The types of subscribe-message template keywords and WeChat's published limits on their values.
 * Lengths count Unicode code points, as WeChat counts characters, not UTF-16 units.
 */
public enum FieldType {

    /** Up to 20 characters of any kind. */
    THING {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, c -> true, 20);
        }
    },
    /** Up to 5 Chinese characters only. */
    PHRASE {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, FieldType::isHan, 5);
        }
    },
    /** Up to 32 letters, digits and symbols: printable ASCII without spaces. */
    CHARACTER_STRING {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, c -> c >= 0x21 && c <= 0x7E, 32);
        }
    },
    /** Up to 32 digits, with at most one decimal point between them. */
    NUMBER {
        @Override
        Optional<Refusal> check(String value) {
            if (!DECIMAL.matcher(value).matches()) {
                return Optional.of(Refusal.INVALID);
            }
            return value.chars().filter(Character::isDigit).count() > 32 ? Optional.of(Refusal.EXCEEDS_LIMIT)
                    : Optional.empty();
        }
    },
    /** Up to 32 Latin letters. */
    LETTER {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'), 32);
        }
    },
    /** Up to 5 symbols: neither letters, digits nor spaces. */
    SYMBOL {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c)
                    && !Character.isISOControl(c), 5);
        }
    },
    /** A plate, up to 8 characters: letters and digits, the first and last may be Chinese (粤B12345学). */
    CAR_NUMBER {
        @Override
        Optional<Refusal> check(String value) {
            int[] chars = value.codePoints().toArray();
            for (int i = 0; i < chars.length; i++) {
                boolean end = i == 0 || i == chars.length - 1;
                if (!isAsciiLetterOrDigit(chars[i]) && !(end && isHan(chars[i]))) {
                    return Optional.of(Refusal.INVALID);
                }
            }
            return chars.length > 8 ? Optional.of(Refusal.EXCEEDS_LIMIT) : Optional.empty();
        }
    },
    /** Up to 10 characters with any Chinese among them, or up to 20 without. */
    NAME {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, c -> true, value.codePoints().anyMatch(FieldType::isHan) ? 10 : 20);
        }
    },
    /** A sum: an optional currency sign, up to 10 digits, up to 2 decimals, an optional 元 (¥12.50, 30元). */
    AMOUNT {
        @Override
        Optional<Refusal> check(String value) {
            Matcher amount = AMOUNT_FORM.matcher(value);
            if (!amount.matches()) {
                return Optional.of(Refusal.INVALID);
            }
            boolean fits = amount.group(1).length() <= 10 && (amount.group(2) == null || amount.group(2).length() <= 3);
            return fits ? Optional.empty() : Optional.of(Refusal.EXCEEDS_LIMIT);
        }
    },
    /** Up to 17 digits, plus and minus signs (+86-755-12345678). */
    PHONE_NUMBER {
        @Override
        Optional<Refusal> check(String value) {
            return allOf(value, c -> (c >= '0' && c <= '9') || c == '+' || c == '-', 17);
        }
    },
    /** A day, 2026年12月1日 or 2026-12-01, optionally with a time (2026-12-01 15:01); or a range a~b. */
    DATE {
        @Override
        Optional<Refusal> check(String value) {
            return rangeOf(value, point -> {
                String[] parts = point.split(" ", -1);
                return (parts.length == 1 && isDay(parts[0]))
                        || (parts.length == 2 && isDay(parts[0]) && HOUR_MINUTE.matcher(parts[1]).matches());
            });
        }
    },
    /** A time of day, 15:01 or 15:01:00, optionally after a day as for DATE; or a range a~b. */
    TIME {
        @Override
        Optional<Refusal> check(String value) {
            return rangeOf(value, point -> {
                String[] parts = point.split(" ", -1);
                return (parts.length == 1 && TIME_OF_DAY.matcher(parts[0]).matches())
                        || (parts.length == 2 && isDay(parts[0]) && TIME_OF_DAY.matcher(parts[1]).matches());
            });
        }
    };

    /** Why WeChat refuses a value, in the words of its errmsg. */
    public enum Refusal {
        EMPTY("is empty"), EXCEEDS_LIMIT("exceeds limit"), INVALID("invalid");

        private final String words;

        Refusal(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern AMOUNT_FORM = Pattern.compile("[¥￥$€£]?(\\d+)(\\.\\d+)?元?");
    private static final Pattern HOUR_MINUTE = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?");
    private static final Pattern CHINESE_DAY = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern ISO_DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    public boolean accepts(String value) {
        return refusal(value).isEmpty();
    }

    /** Empty when WeChat takes the value. */
    public Optional<Refusal> refusal(String value) {
        return value == null || value.isEmpty() ? Optional.of(Refusal.EMPTY) : check(value);
    }

    /** As the template's type is written in config and WeChat's console: {@code character_string}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> byWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(name)).findFirst();
    }

    /** Reads config by WeChat's names only, so a typo fails startup with the names to pick from. */
    public static class ConfigConverter implements Converter<FieldType> {

        @Override
        public FieldType convert(String value) {
            return byWireName(value.strip()).orElseThrow(() -> new IllegalArgumentException("unknown keyword type '"
                    + value + "', expected one of " + Arrays.stream(values()).map(FieldType::wireName).toList()));
        }
    }

    /** Only called with a non-empty value. */
    abstract Optional<Refusal> check(String value);

    private static Optional<Refusal> allOf(String value, IntPredicate allowed, int maxLength) {
        if (!value.codePoints().allMatch(allowed)) {
            return Optional.of(Refusal.INVALID);
        }
        return value.codePointCount(0, value.length()) > maxLength ? Optional.of(Refusal.EXCEEDS_LIMIT)
                : Optional.empty();
    }

    /** One point in time, or two joined by "~" as WeChat allows for periods. */
    private static Optional<Refusal> rangeOf(String value, Predicate<String> point) {
        String[] points = value.split("~", -1);
        boolean valid = points.length <= 2 && Arrays.stream(points).map(String::strip).allMatch(point);
        return valid ? Optional.empty() : Optional.of(Refusal.INVALID);
    }

    private static boolean isDay(String text) {
        Matcher day = CHINESE_DAY.matcher(text);
        if (!day.matches()) {
            day = ISO_DAY.matcher(text);
            if (!day.matches()) {
                return false;
            }
        }
        try {
            LocalDate.of(Integer.parseInt(day.group(1)), Integer.parseInt(day.group(2)),
                    Integer.parseInt(day.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
