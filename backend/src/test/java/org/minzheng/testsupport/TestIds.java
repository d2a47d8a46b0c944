package org.minzheng.testsupport;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid-but-fictional ID numbers for tests: real structure and check character, made-up people.
 * Each call gives a different number so tests never collide on the one-account-per-ID rule.
 */
public final class TestIds {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 400));
    /** Where each birth date's sequences start, apart from run to run. */
    private static final int START = (int) (System.nanoTime() % 500);

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

    /** Sequences already given out, per birth date and sex: 500 of each exist, so they are counted, never wrapped. */
    private static final Map<String, AtomicInteger> GIVEN = new ConcurrentHashMap<>();

    /**
     * A fresh Nanshan (440305) number; odd sequence = male. Fresh per birth date and sex: one counter for all dates
     * wrapped every 500 numbers, and two tests naming the same birth date then drew the same number (ID_NUMBER_TAKEN).
     */
    public static String nanshan(LocalDate birth, boolean male) {
        int n = GIVEN.computeIfAbsent(birth + (male ? "M" : "F"), k -> new AtomicInteger()).getAndIncrement();
        if (n >= 500) {
            throw new IllegalStateException("every " + (male ? "male" : "female") + " number born " + birth + " is used");
        }
        int seq = (START + n) % 500 * 2;
        return of("440305", birth, male ? seq + 1 : seq);
    }

    public static String adultMale() {
        int n = SEQUENCE.incrementAndGet();
        return nanshan(LocalDate.of(1990, 1 + n % 12, 1 + n % 28), true);
    }

    public static String adultFemale() {
        int n = SEQUENCE.incrementAndGet();
        return nanshan(LocalDate.of(1992, 1 + n % 12, 1 + n % 28), false);
    }
}
