package org.minzheng.wechatsim;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/**
 * The sim's wx.login codes: {@code dev-<name>} or {@code dev-<name>.<anything>}, where the name picks
 * the simulated user and the suffix makes the code unique, since each code works only once.
 */
@Singleton
public class LoginCodes {

    /** Longer codes are refused rather than remembered. */
    private static final int MAX_LENGTH = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern CODE = Pattern.compile("dev-(" + NAME.pattern() + ")(?:\\..*)?", Pattern.DOTALL);

    private final OneTimeCodes codes;

    LoginCodes(Clock clock) {
        this.codes = new OneTimeCodes(clock);
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A fresh code for the user, valid from now, as wx.login would give the mini-program. */
    public String issue(String name) {
        String code = "dev-" + name + "." + RandomStrings.urlSafe(9);
        codes.issue(code);
        return code;
    }

    /** The user's name if the code has the sim's format. */
    public Optional<String> nameIn(String code) {
        if (code == null || code.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(code);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    OneTimeCodes.Redemption redeem(String code) {
        return codes.redeem(code);
    }

    void reset() {
        codes.reset();
    }
}
