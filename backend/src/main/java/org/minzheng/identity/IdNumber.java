package org.minzheng.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.FieldError;
import org.minzheng.common.privacy.Masks;

/**
 * A citizen ID number per GB 11643-1999 (18 characters: 6-digit region, 8-digit birth date, 3-digit
 * sequence whose last digit is odd for men, ISO 7064 MOD 11-2 check character), or a Hong Kong/Macao/
 * Taiwan residence permit number, which has the same structure with region 810000/820000/830000.
 * Birth date and sex are derived from it, never asked for separately.
 */
public record IdNumber(String value, Kind kind, LocalDate birthDate, Sex sex) {

    public enum Kind {
        RESIDENT_ID_CARD, HK_MACAO_RESIDENCE_PERMIT, TAIWAN_RESIDENCE_PERMIT
    }

    public enum Sex {
        MALE, FEMALE
    }

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final Map<String, Kind> PERMIT_REGIONS = Map.of(
            "810000", Kind.HK_MACAO_RESIDENCE_PERMIT,
            "820000", Kind.HK_MACAO_RESIDENCE_PERMIT,
            "830000", Kind.TAIWAN_RESIDENCE_PERMIT);
    /** GB/T 2260 province-level codes (71 Taiwan is not issued on mainland cards). */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    /**
     * Parses what a person typed (surrounding spaces and a lowercase {@code x} are forgiven) or answers
     * 400 {@code INVALID_ID_NUMBER} with a field error naming the part that is wrong.
     */
    public static IdNumber parse(String raw, LocalDate today, String field) {
        String value = raw == null ? "" : raw.strip().toUpperCase(java.util.Locale.ROOT);
        if (value.length() == 15 && value.chars().allMatch(Character::isDigit)) {
            throw invalid(field, "ID_NUMBER_OLD_FORMAT");
        }
        if (value.length() != 18) {
            throw invalid(field, "ID_NUMBER_LENGTH");
        }
        if (!value.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9')
                || !(Character.isDigit(value.charAt(17)) || value.charAt(17) == 'X')) {
            throw invalid(field, "ID_NUMBER_CHARACTERS");
        }
        String region = value.substring(0, 6);
        Kind kind = PERMIT_REGIONS.getOrDefault(region, Kind.RESIDENT_ID_CARD);
        if (kind == Kind.RESIDENT_ID_CARD && !PROVINCES.contains(region.substring(0, 2))) {
            throw invalid(field, "ID_NUMBER_REGION");
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw invalid(field, "ID_NUMBER_BIRTH_DATE");
        }
        if (birthDate.isBefore(EARLIEST_BIRTH)) {
            throw invalid(field, "ID_NUMBER_BIRTH_DATE");
        }
        if (birthDate.isAfter(today)) {
            throw invalid(field, "ID_NUMBER_FUTURE_BIRTH_DATE");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw invalid(field, "ID_NUMBER_CHECK_CHARACTER");
        }
        Sex sex = (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
        return new IdNumber(value, kind, birthDate, sex);
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    static char checkCharacter(String value) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** Age in whole years on a day (e.g. the appointment date). */
    public int ageOn(LocalDate day) {
        return age(birthDate, day);
    }

    /**
     * Whole years from birth to {@code day}. Someone born on 29 February has their birthday on 28 February in
     * a common year (民法典 art. 202: a period ending in a month without the day ends on its last day).
     */
    public static int age(LocalDate birthDate, LocalDate day) {
        int years = java.time.Period.between(birthDate, day).getYears();
        boolean leapling = birthDate.getMonthValue() == 2 && birthDate.getDayOfMonth() == 29;
        if (leapling && !day.isLeapYear() && day.getMonthValue() == 2 && day.getDayOfMonth() == 28) {
            return years + 1;
        }
        return years;
    }

    public String masked() {
        return Masks.idNumber(value);
    }

    @Override
    public String toString() {
        return "IdNumber[" + masked() + "]"; // never the full number, even in a debugger or a log
    }

    private static DomainException invalid(String field, String code) {
        return new DomainException(400, "INVALID_ID_NUMBER", List.of(new FieldError(field, code, null)), Map.of());
    }
}
