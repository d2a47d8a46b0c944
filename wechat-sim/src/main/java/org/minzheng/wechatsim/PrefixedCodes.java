package org.minzheng.wechatsim;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single-use codes of the form {@code <prefix><value>} or {@code <prefix><value>.<anything>}: the value
 * carries what the code stands for (a user, a phone), the suffix makes each code unique.
 */
abstract class PrefixedCodes {

    /** Longer codes are refused rather than remembered. */
    private static final int MAX_LENGTH = 256;

    private final String prefix;
    private final Pattern code;
    private final OneTimeCodes codes;

    PrefixedCodes(String prefix, Pattern value, Clock clock) {
        this.prefix = prefix;
        this.code = Pattern.compile(Pattern.quote(prefix) + "(" + value.pattern() + ")(?:\\..*)?", Pattern.DOTALL);
        this.codes = new OneTimeCodes(clock);
    }

    /** A fresh code for the value, valid from now. */
    public String issue(String value) {
        String fresh = prefix + value + "." + RandomStrings.urlSafe(9);
        codes.issue(fresh);
        return fresh;
    }

    /** The value a code of this format carries. */
    Optional<String> valueIn(String candidate) {
        if (candidate == null || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = code.matcher(candidate);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    OneTimeCodes.Redemption redeem(String candidate) {
        return codes.redeem(candidate);
    }

    void reset() {
        codes.reset();
    }
}
