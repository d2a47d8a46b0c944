package org.minzheng.testsupport;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid-but-fictional ID numbers for tests: real structure and check character, made-up people.
 * Each call gives a different number so tests never collide on the one-account-per-ID rule.
 */
public final class TestIds {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 400));

    private TestIds() {
    }

    public static String of(String region, LocalDate birth, int sequence) {
        String body = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A fresh Nanshan (440305) number; odd sequence = male. */
    public static String nanshan(LocalDate birth, boolean male) {
        int seq = SEQUENCE.incrementAndGet() * 2 % 1000;
        return of("440305", birth, male ? seq + 1 : seq);
    }

    public static String adultMale() {
        return nanshan(LocalDate.of(1990, 1 + SEQUENCE.get() % 12, 1 + SEQUENCE.get() % 28), true);
    }

    public static String adultFemale() {
        return nanshan(LocalDate.of(1992, 1 + SEQUENCE.get() % 12, 1 + SEQUENCE.get() % 28), false);
    }
}
