package org.minzheng.wechatsim;

import java.time.Clock;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code phonenumber.getPhoneNumber}: trades a getPhoneNumber code for the number the user shared. */
@Path("/wxa/business/getuserphonenumber")
@Produces(MediaType.APPLICATION_JSON)
public class PhoneNumberResource {

    public record PhoneCodeRequest(String code) {
    }

    /** WeChat's shape, camelCase inside {@code phone_info} as WeChat has it. */
    public record PhoneNumberReply(int errcode, String errmsg, @JsonProperty("phone_info") PhoneInfo phoneInfo) {
    }

    public record PhoneInfo(String phoneNumber, String purePhoneNumber, String countryCode, Watermark watermark) {
    }

    public record Watermark(long timestamp, String appid) {
    }

    private final WechatSimConfig config;
    private final CallGate gate;
    private final AccessTokens tokens;
    private final PhoneCodes codes;
    private final WechatJson json;
    private final Clock clock;

    PhoneNumberResource(WechatSimConfig config, CallGate gate, AccessTokens tokens, PhoneCodes codes,
            WechatJson json, Clock clock) {
        this.config = config;
        this.gate = gate;
        this.tokens = tokens;
        this.codes = codes;
        this.json = json;
        this.clock = clock;
    }

    @POST
    public Object getUserPhoneNumber(@QueryParam("access_token") String accessToken, String body) {
        var refused = gate.enter(Api.GETUSERPHONENUMBER).or(() -> tokens.check(accessToken));
        if (refused.isPresent()) {
            return refused.get();
        }
        var request = json.read(body, PhoneCodeRequest.class);
        if (request.isEmpty()) {
            return WechatError.DATA_FORMAT_ERROR;
        }
        String code = request.get().code();
        var phone = codes.phoneIn(code);
        // A used or expired code is just "invalid" here, unlike login codes.
        if (phone.isEmpty() || codes.redeem(code) != OneTimeCodes.Redemption.ACCEPTED) {
            return WechatError.INVALID_CODE;
        }
        var watermark = new Watermark(clock.instant().getEpochSecond(), config.appid());
        return new PhoneNumberReply(0, "ok", new PhoneInfo(phone.get(), phone.get(), "86", watermark));
    }
}
