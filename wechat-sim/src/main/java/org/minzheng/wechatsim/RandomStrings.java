package org.minzheng.wechatsim;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Unpredictable strings for session keys, tokens, code suffixes and request ids. */
final class RandomStrings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomStrings() {
    }

    /** Standard Base64 with padding, as WeChat's session_key (16 bytes give 24 characters). */
    static String base64(int bytes) {
        return Base64.getEncoder().encodeToString(next(bytes));
    }

    /** URL- and query-safe, for tokens and codes. */
    static String urlSafe(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(next(bytes));
    }

    /** Shaped like the request ids WeChat appends to errmsgs: hex seconds, then two random hex words. */
    static String rid(Instant now) {
        return String.format("%08x-%08x-%08x", now.getEpochSecond(), RANDOM.nextInt(), RANDOM.nextInt());
    }

    private static byte[] next(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return buffer;
    }
}
