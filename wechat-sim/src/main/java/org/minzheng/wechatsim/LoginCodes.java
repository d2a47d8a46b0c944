package org.minzheng.wechatsim;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/**
 * The sim's wx.login codes: {@code dev-<name>} or {@code dev-<name>.<anything>}, where the name picks
 * the simulated user and the suffix makes the code unique, since each code works only once.
 */
@Singleton
public class LoginCodes extends PrefixedCodes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    LoginCodes(Clock clock) {
        super("dev-", NAME, clock);
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The user's name if the code has the sim's format. */
    public Optional<String> nameIn(String code) {
        return valueIn(code);
    }
}
