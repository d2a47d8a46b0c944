package org.minzheng.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

import org.eclipse.microprofile.config.Config;
import org.minzheng.wechat.WeChatSafety;

/**
 * Refuses to start the prod profile with the committed development keys (anyone can read them) or
 * without production keys, with a committed password for the first administrator, with WeChat's
 * development credentials or wechat-sim's address, or with development subscribe-message template ids. The development keys live in {@code src/main/resources/dev}.
 */
@Singleton
public class ProductionSafety {

    /** Key ids of the committed dev/test Tink keysets. */
    static final List<Long> DEV_TINK_KEY_IDS = List.of(1430549315L, 2369433305L);
    static final String DEV_KEY_FOLDER = "dev/";
    /** Passwords written in this repository (tests, examples): public, so never an administrator's. */
    static final List<String> DEV_PASSWORDS = List.of("test-admin-password");
    private static final Pattern KEY_ID = Pattern.compile("\"keyId\"\\s*:\\s*(\\d+)");
    private static final Pattern TEMPLATE_ID = Pattern.compile("minzheng\\.notify\\.templates\\.[^.]+\\.template-id");
    /** The committed ids (dev-…, test-…) and the k8s template's {@code <…>} placeholders. */
    private static final Pattern PLACEHOLDER_TEMPLATE_ID = Pattern.compile("^(dev|test)-|[<>]");

    /** Before the other start-up observers (the first administrator is made in one); Flyway has migrated by then. */
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(name -> config.getOptionalValue(name, String.class), config.getPropertyNames());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    /** What is wrong with these settings; {@code names} are every setting's name (for the template ids). */
    static List<String> problems(Function<String, Optional<String>> setting, Iterable<String> names) {
        List<String> problems = new ArrayList<>();
        for (String keyset : List.of("minzheng.crypto.aead-keyset", "minzheng.crypto.prf-keyset")) {
            Optional<String> value = setting.apply(keyset);
            if (value.isEmpty() || value.get().isBlank()) {
                problems.add(keyset + " is not set");
            } else if (usesDevTinkKey(value.get())) {
                problems.add(keyset + " is the committed development keyset");
            }
        }
        Optional<String> signLocation = setting.apply("smallrye.jwt.sign.key.location");
        Optional<String> signKey = setting.apply("smallrye.jwt.sign.key");
        if (signLocation.isEmpty() && signKey.isEmpty()) {
            problems.add("no JWT signing key (smallrye.jwt.sign.key or smallrye.jwt.sign.key.location)");
        }
        signLocation.filter(ProductionSafety::isDevKey)
                .ifPresent(l -> problems.add("smallrye.jwt.sign.key.location is the committed development key"));
        Optional<String> verifyLocation = setting.apply("mp.jwt.verify.publickey.location");
        if (verifyLocation.isEmpty() && setting.apply("mp.jwt.verify.publickey").isEmpty()) {
            problems.add("no JWT verification key (mp.jwt.verify.publickey or mp.jwt.verify.publickey.location)");
        }
        verifyLocation.filter(ProductionSafety::isDevKey)
                .ifPresent(l -> problems.add("mp.jwt.verify.publickey.location is the committed development key"));
        setting.apply("minzheng.identity.bootstrap-admin.password").filter(p -> DEV_PASSWORDS.contains(p) || p.length() < 12)
                .ifPresent(p -> problems.add("minzheng.identity.bootstrap-admin.password is a development or too short password"));
        problems.addAll(WeChatSafety.problems(setting));
        for (String name : names) {
            if (TEMPLATE_ID.matcher(name).matches()
                    && setting.apply(name).filter(id -> !id.isBlank() && !PLACEHOLDER_TEMPLATE_ID.matcher(id).find()).isEmpty()) {
                // WeChat would refuse every message of the type; set the id from the mini-program's console
                problems.add(name + " is a development or placeholder template id");
            }
        }
        return problems;
    }

    private static boolean usesDevTinkKey(String keysetJson) {
        Matcher m = KEY_ID.matcher(keysetJson);
        while (m.find()) {
            if (DEV_TINK_KEY_IDS.contains(Long.parseLong(m.group(1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDevKey(String location) {
        String l = location.strip();
        return l.startsWith(DEV_KEY_FOLDER) || l.startsWith("classpath:" + DEV_KEY_FOLDER) || l.contains("/resources/dev/");
    }
}
