package org.minzheng.wechatsim;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

/**
 * The one mini-program the sim pretends to host: callers must present exactly these credentials, and
 * may send subscribe messages only with its templates.
 */
@ConfigMapping(prefix = "wechat-sim")
public interface WechatSimConfig {

    String appid();

    String secret();

    /** By template id, as picked in the mini-program's console. */
    Map<String, Template> templates();

    /** A template's keywords are fixed: a message must fill exactly these, each within its type's limits. */
    interface Template {

        /** Keyword name ({@code thing1}) to its type ({@code thing}). */
        Map<String, @WithConverter(FieldType.ConfigConverter.class) FieldType> fields();
    }
}
