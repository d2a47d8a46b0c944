package org.minzheng.identity.wechat;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minzheng.common.error.DomainException;
import org.minzheng.common.error.ProblemMapper;
import org.minzheng.wechat.WeChatException;

/** What a resident is told when WeChat said no during their request (login, phone binding). */
public class WeChatError extends DomainException {

    private WeChatError(int status, String code, Map<String, String> headers) {
        super(status, code, List.of(), headers);
    }

    static WeChatError of(int errcode) {
        return switch (errcode) {
            case 40029, 40163 -> new WeChatError(401, "WECHAT_CODE_INVALID", Map.of());
            case 45011 -> new WeChatError(429, "WECHAT_RATE_LIMITED", Map.of("Retry-After", "60"));
            case 40226 -> new WeChatError(403, "WECHAT_HIGH_RISK", Map.of());
            case WeChatException.UNAVAILABLE -> new WeChatError(503, "WECHAT_UNAVAILABLE", Map.of("Retry-After", "5"));
            default -> new WeChatError(502, "WECHAT_ERROR", Map.of());
        };
    }

    /** Maps the shared client's errors to problems. */
    public static class Mapper {

        private final ProblemMapper problems;

        Mapper(ProblemMapper problems) {
            this.problems = problems;
        }

        @ServerExceptionMapper
        public Response wechat(WeChatException e, HttpHeaders headers, HttpServerRequest request) {
            return problems.domain(of(e.errcode()), headers, request);
        }
    }
}
