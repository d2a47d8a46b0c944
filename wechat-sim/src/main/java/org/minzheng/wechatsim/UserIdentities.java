package org.minzheng.wechatsim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * A simulated user's ids, derived from the name in their login code so that the same name is the same
 * user in every run (tests and seed data can rely on it), and the openids the sim has handed out, as
 * WeChat rejects messages to anyone else.
 */
@Singleton
public class UserIdentities {

    /** As long as WeChat's own openids and unionids. */
    private static final int ID_LENGTH = 28;

    private final WechatSimConfig config;
    private final Set<String> issuedOpenids = ConcurrentHashMap.newKeySet();

    UserIdentities(WechatSimConfig config) {
        this.config = config;
    }

    /** Per mini-program, like WeChat's: the same name under another appid is another openid. */
    public String openid(String name) {
        return "o" + digest(config.appid() + ":" + name);
    }

    /** Per user across mini-programs, like WeChat's: independent of the appid. */
    public String unionid(String name) {
        return "u" + digest(name);
    }

    void markIssued(String openid) {
        issuedOpenids.add(openid);
    }

    public boolean isIssued(String openid) {
        return openid != null && issuedOpenids.contains(openid);
    }

    void reset() {
        issuedOpenids.clear();
    }

    private static String digest(String input) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, ID_LENGTH - 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
