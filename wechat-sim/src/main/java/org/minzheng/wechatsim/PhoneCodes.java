package org.minzheng.wechatsim;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/**
 * The sim's getPhoneNumber codes: {@code phone-<mobile>} or {@code phone-<mobile>.<anything>}, carrying
 * the mainland mobile number the user "shares". Single-use and valid five minutes, like WeChat's.
 */
@Singleton
public class PhoneCodes extends PrefixedCodes {

    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");

    PhoneCodes(Clock clock) {
        super("phone-", MOBILE, clock);
    }

    public static boolean isValidMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }

    public Optional<String> phoneIn(String code) {
        return valueIn(code);
    }
}
