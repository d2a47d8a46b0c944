package org.minzheng.wechatsim;

import io.smallrye.config.ConfigMapping;

/** The one mini-program the sim pretends to host: callers must present exactly these credentials. */
@ConfigMapping(prefix = "wechat-sim")
public interface WechatSimConfig {

    String appid();

    String secret();
}
