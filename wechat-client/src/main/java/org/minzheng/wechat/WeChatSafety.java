package org.minzheng.wechat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What production must not run with, for both apps that speak to WeChat: the committed development credentials,
 * or an API address that is not WeChat's (wechat-sim, anything on this machine, plain http).
 */
public final class WeChatSafety {

    static final String DEV_APPID = "wx-dev-minzheng";
    static final String DEV_SECRET = "dev-secret-not-for-production";

    private WeChatSafety() {
    }

    public static List<String> problems(Function<String, Optional<String>> setting) {
        List<String> problems = new ArrayList<>();
        if (setting.apply("minzheng.wechat.appid").filter(DEV_APPID::equals).isPresent()) {
            problems.add("minzheng.wechat.appid is the development appid");
        }
        if (setting.apply("minzheng.wechat.secret").filter(DEV_SECRET::equals).isPresent()) {
            problems.add("minzheng.wechat.secret is the committed development secret");
        }
        Optional<String> url = setting.apply("quarkus.rest-client.wechat.url");
        if (url.isEmpty() || !isWeChat(url.get())) {
            problems.add("quarkus.rest-client.wechat.url must be WeChat's https API, not " + url.orElse("unset")
                    + " (wechat-sim is for development and tests)");
        }
        return problems;
    }

    private static boolean isWeChat(String url) {
        try {
            URI uri = URI.create(url.strip());
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
            return "https".equalsIgnoreCase(uri.getScheme()) && !host.isEmpty() && !host.equals("localhost")
                    && !host.startsWith("127.") && !host.equals("[::1]") && !host.equals("::1") && !host.contains("wechat-sim");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
