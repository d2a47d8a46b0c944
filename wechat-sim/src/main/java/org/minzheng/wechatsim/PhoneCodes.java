package org.minzheng.wechatsim;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/**
 * The sim's getPhoneNumber codes: {@code phone-<mobile>} or {@code phone-<mobile>.<anything>}, carrying
 * the mainland mobile number the user "shares". Single-use and valid five minutes, like WeChat's.
 */
@Singleton
public class PhoneCodes {

    private static final int MAX_LENGTH = 256;
    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");
    private static final Pattern CODE = Pattern.compile("phone-(" + MOBILE.pattern() + ")(?:\\..*)?", Pattern.DOTALL);

    private final OneTimeCodes codes;

    PhoneCodes(Clock clock) {
        this.codes = new OneTimeCodes(clock);
    }

    public static boolean isValidMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }

    public String issue(String phone) {
        String code = "phone-" + phone + "." + RandomStrings.urlSafe(9);
        codes.issue(code);
        return code;
    }

    public Optional<String> phoneIn(String code) {
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
