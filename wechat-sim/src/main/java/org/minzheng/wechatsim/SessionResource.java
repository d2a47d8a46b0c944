package org.minzheng.wechatsim;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.logging.Log;

/** {@code auth.code2Session}: trades a wx.login code for the user's openid and session key. */
@Path("/sns/jscode2session")
public class SessionResource {

    /** WeChat's success body; unionid is always there because every sim user has one. */
    public record Session(String openid, @JsonProperty("session_key") String sessionKey, String unionid) {
    }

    private final WechatSimConfig config;
    private final CallGate gate;
    private final LoginCodes codes;
    private final UserIdentities identities;
    private final WechatJson json;

    SessionResource(WechatSimConfig config, CallGate gate, LoginCodes codes, UserIdentities identities,
            WechatJson json) {
        this.config = config;
        this.gate = gate;
        this.codes = codes;
        this.identities = identities;
        this.json = json;
    }

    @GET
    public Response jscode2session(@QueryParam("appid") String appid, @QueryParam("secret") String secret,
            @QueryParam("js_code") String jsCode, @QueryParam("grant_type") String grantType) {
        return reply(answer(appid, secret, jsCode, grantType));
    }

    private Object answer(String appid, String secret, String jsCode, String grantType) {
        var fault = gate.enter(Api.JSCODE2SESSION);
        if (fault.isPresent()) {
            return fault.get();
        }
        if (!config.appid().equals(appid)) {
            return WechatError.INVALID_APPID;
        }
        if (!config.secret().equals(secret)) {
            return WechatError.INVALID_APPSECRET;
        }
        if (!"authorization_code".equals(grantType)) {
            return WechatError.INVALID_GRANT_TYPE;
        }
        var name = codes.nameIn(jsCode);
        if (name.isEmpty()) {
            return WechatError.INVALID_CODE;
        }
        var redemption = codes.redeem(jsCode);
        if (redemption == OneTimeCodes.Redemption.ALREADY_USED) {
            return WechatError.CODE_BEEN_USED;
        }
        if (redemption == OneTimeCodes.Redemption.EXPIRED) {
            return WechatError.INVALID_CODE;
        }
        String openid = identities.openid(name.get());
        identities.markIssued(openid);
        Log.debugf("Session for %s: openid %s", name.get(), openid);
        return new Session(openid, RandomStrings.base64(16), identities.unionid(name.get()));
    }

    /**
     * WeChat serves this endpoint's JSON as text/plain (unlike the cgi-bin ones), which trips clients
     * that pick their parser by Content-Type; the sim does the same so that shows up in development.
     */
    private Response reply(Object body) {
        return Response.ok(json.write(body), MediaType.TEXT_PLAIN_TYPE).build();
    }
}
