package org.minzheng.memorial;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;

/**
 * A car plate as a cemetery gate reads it (GA 36-2018): mainland plates (7 characters; new-energy ones 8,
 * with D/F for battery/other after the city letter on small cars or last on large ones) and the
 * Guangdong–Hong Kong/Macau cross-border plates (粤Z····港/澳). Spaces, dots and lowercase are forgiven.
 */
public record CarPlate(String value, Kind kind) {

    public enum Kind {
        STANDARD, NEW_ENERGY, CROSS_BORDER
    }

    /** Province (and embassy/consulate) characters that open a mainland plate. */
    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** Plate letters never use I or O (confused with 1 and 0). */
    private static final String LETTER = "[A-HJ-NP-Z]";
    private static final String ALNUM = "[A-HJ-NP-Z0-9]";
    private static final Map<Kind, List<Pattern>> FORMS = Map.of(
            Kind.STANDARD, List.of(
                    Pattern.compile("[" + PROVINCES + "]" + LETTER + ALNUM + "{5}"),
                    Pattern.compile("[" + PROVINCES + "]" + LETTER + ALNUM + "{4}[挂学警]")),
            Kind.NEW_ENERGY, List.of(
                    Pattern.compile("[" + PROVINCES + "]" + LETTER + "[DF]" + ALNUM + "[0-9]{4}"),
                    Pattern.compile("[" + PROVINCES + "]" + LETTER + "[0-9]{5}[DF]")),
            Kind.CROSS_BORDER, List.of(Pattern.compile("粤Z" + ALNUM + "{4}[港澳]")));

    /** The plate, or 400 {@code INVALID_CAR_PLATE} on {@code field}. */
    public static CarPlate parse(String raw, String field) {
        return read(raw).orElseThrow(() -> new DomainException(400, "INVALID_CAR_PLATE",
                List.of(new FieldError(field, "INVALID_CAR_PLATE", null)), Map.of()));
    }

    static Optional<CarPlate> read(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.replaceAll("[\\s·.\\-]", "").toUpperCase(Locale.ROOT);
        // 粤Z is reserved for the cross-border plates: no ordinary Guangdong plate uses it
        List<Kind> kinds = value.startsWith("粤Z") ? List.of(Kind.CROSS_BORDER) : List.of(Kind.NEW_ENERGY, Kind.STANDARD);
        for (Kind kind : kinds) {
            if (FORMS.get(kind).stream().anyMatch(p -> p.matcher(value).matches())) {
                return Optional.of(new CarPlate(value, kind));
            }
        }
        return Optional.empty();
    }

    /** As a guard reads it back: all but the province, city letter and last two characters hidden. */
    public String masked() {
        return value.substring(0, 2) + "*".repeat(value.length() - 4) + value.substring(value.length() - 2);
    }
}
