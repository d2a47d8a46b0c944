package org.minzheng.wechat;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls WeChat and turns its answers into results or {@link WeChatException}s. Never logs or returns the
 * {@code session_key}, tokens or phone numbers.
 */
@ApplicationScoped
public class WeChatClient {

    /** Read by Jackson from the text body {@link WeChatApi} returns, where Quarkus cannot see it (native image). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(Integer errcode, String openid, String unionid, @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") Integer expiresIn, @JsonProperty("phone_info") PhoneInfo phoneInfo,
            Long msgid) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PhoneInfo(String purePhoneNumber, String countryCode) {
    }

    /** Who logged in; WeChat's session_key is deliberately dropped here. */
    public record Session(String openid, String unionid) {
    }

    public record AccessToken(String token, int expiresInSeconds) {
    }

    public record Phone(String countryCode, String number) {
    }

    private final WeChatApi api;
    private final WeChatConfig config;
    private final ObjectMapper json;

    public WeChatClient(@RestClient WeChatApi api, WeChatConfig config, ObjectMapper json) {
        this.api = api;
        this.config = config;
        this.json = json;
    }

    public Uni<Session> code2Session(String code) {
        return call("jscode2session", api.code2Session(config.appid(), config.secret(), code, "authorization_code"))
                .map(a -> new Session(a.openid(), a.unionid()));
    }

    public Uni<AccessToken> stableToken(boolean forceRefresh) {
        String body = write(Map.of("grant_type", "client_credential", "appid", config.appid(),
                "secret", config.secret(), "force_refresh", forceRefresh));
        return call("stable_token", api.stableToken(body)).map(a -> new AccessToken(a.accessToken(), a.expiresIn()));
    }

    public Uni<Phone> phoneNumber(String accessToken, String phoneCode) {
        return call("getuserphonenumber", api.phoneNumber(accessToken, write(Map.of("code", phoneCode))))
                .map(a -> new Phone(a.phoneInfo().countryCode(), a.phoneInfo().purePhoneNumber()));
    }

    /**
     * Sends a subscribe message; answers WeChat's msgid. {@code message} is the body WeChat expects
     * ({@code template_id}, {@code page}, {@code data}) without {@code touser}, which is added here.
     */
    public Uni<Long> subscribeSend(String accessToken, String touser, Map<String, Object> message) {
        Map<String, Object> body = new LinkedHashMap<>(message);
        body.put("touser", touser);
        body.putIfAbsent("miniprogram_state", config.miniprogramState());
        body.putIfAbsent("lang", "zh_CN");
        return call("subscribe_send", api.subscribeSend(accessToken, write(body))).map(Answer::msgid);
    }

    private Uni<Answer> call(String name, Uni<String> request) {
        return request
                .ifNoItem().after(config.timeout()).failWith(WeChatException::unavailable)
                .onFailure(f -> !(f instanceof WeChatException)).transform(f -> {
                    Log.warnf("WeChat %s failed: %s", name, f.getClass().getSimpleName());
                    return WeChatException.unavailable();
                })
                .map(body -> {
                    Answer answer = read(body);
                    if (answer.errcode() != null && answer.errcode() != 0) {
                        Log.infof("WeChat %s answered errcode %d", name, answer.errcode());
                        throw new WeChatException(answer.errcode());
                    }
                    return answer;
                });
    }

    private Answer read(String body) {
        try {
            return json.readValue(body, Answer.class);
        } catch (JsonProcessingException e) {
            throw WeChatException.unavailable();
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
