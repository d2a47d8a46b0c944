package org.minzheng.booking;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The short code a resident reads out or a clerk types: 7 random characters and a Luhn mod N check
 * character, from an alphabet without look-alikes (no 0/O, 1/I). 32^7 values make a collision rare; the
 * unique constraint makes one harmless (the engine draws again).
 */
public final class ReferenceCode {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int LENGTH = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferenceCode() {
    }

    public static String next() {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.append(checkCharacter(code)).toString();
    }

    /** What a clerk typed, forgiving case, spaces and dashes; empty unless it is a well-formed code. */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH + 1 || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return checkCharacter(code.substring(0, LENGTH)) == code.charAt(LENGTH) ? Optional.of(code) : Optional.empty();
    }

    /** Luhn mod N: catches every single-character error and most swaps of neighbours. */
    static char checkCharacter(CharSequence payload) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }
}
