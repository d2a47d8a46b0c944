package org.minzheng.wechatsim;

import java.util.Map;

/**
 * WeChat's error body. WeChat answers errors with HTTP 200 and this body, so clients must look at
 * {@code errcode}, not at the status; the sim does the same.
 */
public record WechatError(int errcode, String errmsg) {

    public static final WechatError SYSTEM_ERROR = new WechatError(-1, "system error");
    public static final WechatError INVALID_CREDENTIAL =
            new WechatError(40001, "invalid credential, access_token is invalid or not latest");
    public static final WechatError INVALID_GRANT_TYPE = new WechatError(40002, "invalid grant_type");
    public static final WechatError INVALID_OPENID = new WechatError(40003, "invalid openid");
    public static final WechatError INVALID_APPID = new WechatError(40013, "invalid appid");
    public static final WechatError INVALID_CODE = new WechatError(40029, "invalid code");
    public static final WechatError INVALID_TEMPLATE_ID = new WechatError(40037, "invalid template_id");
    public static final WechatError INVALID_APPSECRET = new WechatError(40125, "invalid appsecret");
    public static final WechatError CODE_BEEN_USED = new WechatError(40163, "code been used");
    public static final WechatError HIGH_RISK_USER = new WechatError(40226, "high risk user");
    public static final WechatError INVALID_PAGE = new WechatError(41030, "invalid page");
    public static final WechatError ACCESS_TOKEN_EXPIRED = new WechatError(42001, "access_token expired");
    public static final WechatError USER_REFUSED = new WechatError(43101, "user refuse to accept the msg");
    public static final WechatError MINUTE_QUOTA =
            new WechatError(45011, "api minute-quota reach limit mustslower retry next minute");
    public static final WechatError DATA_FORMAT_ERROR = new WechatError(47001, "data format error");
    public static final WechatError ARGUMENT_INVALID = new WechatError(47003, "argument invalid");

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            text(SYSTEM_ERROR), text(INVALID_CREDENTIAL), text(INVALID_GRANT_TYPE), text(INVALID_OPENID),
            text(INVALID_APPID), text(INVALID_CODE), text(INVALID_TEMPLATE_ID), text(INVALID_APPSECRET),
            text(CODE_BEEN_USED), text(HIGH_RISK_USER), text(INVALID_PAGE), text(ACCESS_TOKEN_EXPIRED),
            text(USER_REFUSED), text(MINUTE_QUOTA), text(DATA_FORMAT_ERROR), text(ARGUMENT_INVALID));

    /**
     * 47003 naming what is wrong ({@code data.thing1.value exceeds limit}), with the request id WeChat
     * appends to such messages: {@code argument invalid! data.thing1.value exceeds limit rid: ...}.
     */
    public static WechatError argumentInvalid(String problem, String rid) {
        return new WechatError(ARGUMENT_INVALID.errcode(), ARGUMENT_INVALID.errmsg() + "! " + problem + " rid: " + rid);
    }

    /** WeChat's text for a code, for faults queued without their own errmsg. */
    public static String textOf(int errcode) {
        return TEXTS.getOrDefault(errcode, "simulated error");
    }

    private static Map.Entry<Integer, String> text(WechatError error) {
        return Map.entry(error.errcode(), error.errmsg());
    }
}
