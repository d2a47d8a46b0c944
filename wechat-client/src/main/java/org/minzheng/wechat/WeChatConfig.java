package org.minzheng.wechat;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mini-program's credentials and where WeChat's API is (wechat-sim outside production). */
@ConfigMapping(prefix = "minzheng.wechat")
public interface WeChatConfig {

    String appid();

    String secret();

    /** How long an HTTP call to WeChat may take before we answer 503. */
    @WithDefault("PT5S")
    Duration timeout();

    /** Refresh the shared access token this long before WeChat says it expires. */
    @WithDefault("PT5M")
    Duration tokenRefreshMargin();

    /** Which mini-program version a subscribe message opens: {@code formal}, {@code trial} or {@code developer}. */
    @WithDefault("formal")
    String miniprogramState();
}
