package org.minzheng.wechat;

import java.util.Set;

/**
 * A non-zero {@code errcode} from WeChat, or WeChat not answering (timeout, connection refused, 5xx),
 * which counts as {@code -1}, "busy, try again". Each app decides what an errcode means for its users.
 */
public class WeChatException extends RuntimeException {

    /** WeChat's errcodes meaning "the access token is stale: refresh it and retry once". */
    private static final Set<Integer> STALE_TOKEN = Set.of(40001, 40014, 42001);

    public static final int UNAVAILABLE = -1;

    private final int errcode;

    public WeChatException(int errcode) {
        super("WeChat errcode " + errcode, null, false, false);
        this.errcode = errcode;
    }

    public static WeChatException unavailable() {
        return new WeChatException(UNAVAILABLE);
    }

    public int errcode() {
        return errcode;
    }

    public boolean staleAccessToken() {
        return STALE_TOKEN.contains(errcode);
    }

    /** Worth trying again later: WeChat busy or unreachable. */
    public boolean isTransient() {
        return errcode == UNAVAILABLE;
    }
}
