package org.minzheng.bench;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Valid-but-fictional resident ID numbers (GB 11643 check digit), born in Nanshan, adults, never repeated in a run. */
final class FictionalIds {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

    private FictionalIds() {
    }

    /** The {@code n}th number: a birth day per thousand, a sequence within it. */
    static String nth(int n) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(n / 1000);
        String body = "440305" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
