package org.minzheng.identity.wechat;

import java.util.List;
import java.util.Map;

import org.minzheng.common.error.DomainException;

/** A non-zero {@code errcode} from WeChat, or WeChat not answering; maps to what the resident is told. */
public class WeChatError extends DomainException {

    /** WeChat's errcodes meaning "the access token is stale: refresh it and retry once". */
    private static final List<Integer> STALE_TOKEN = List.of(40001, 40014, 42001);

    private final int errcode;

    private WeChatError(int errcode, int status, String code, Map<String, String> headers) {
        super(status, code, List.of(), headers);
        this.errcode = errcode;
    }

    public static WeChatError of(int errcode) {
        return switch (errcode) {
            case 40029, 40163 -> new WeChatError(errcode, 401, "WECHAT_CODE_INVALID", Map.of());
            case 45011 -> new WeChatError(errcode, 429, "WECHAT_RATE_LIMITED", Map.of("Retry-After", "60"));
            case 40226 -> new WeChatError(errcode, 403, "WECHAT_HIGH_RISK", Map.of());
            case -1 -> unavailable();
            default -> new WeChatError(errcode, 502, "WECHAT_ERROR", Map.of());
        };
    }

    /** WeChat's {@code -1}, a timeout or a connection failure: worth retrying in a moment. */
    public static WeChatError unavailable() {
        return new WeChatError(-1, 503, "WECHAT_UNAVAILABLE", Map.of("Retry-After", "5"));
    }

    public int errcode() {
        return errcode;
    }

    public boolean staleAccessToken() {
        return STALE_TOKEN.contains(errcode);
    }
}
