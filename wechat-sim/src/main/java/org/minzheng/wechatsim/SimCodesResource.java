package org.minzheng.wechatsim;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Control API: what the mini-program would get on the phone, wx.login and getPhoneNumber codes, issued
 * now, so their five minutes start now.
 */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
public class SimCodesResource {

    public record WxLoginRequest(String name) {
    }

    /** The ids come along so tests can look for the user's messages without a backend round trip. */
    public record WxLoginReply(String code, String openid, String unionid) {
    }

    public record PhoneCodeRequest(String phone) {
    }

    public record PhoneCodeReply(String code) {
    }

    private final LoginCodes loginCodes;
    private final PhoneCodes phoneCodes;
    private final UserIdentities identities;

    SimCodesResource(LoginCodes loginCodes, PhoneCodes phoneCodes, UserIdentities identities) {
        this.loginCodes = loginCodes;
        this.phoneCodes = phoneCodes;
        this.identities = identities;
    }

    @POST
    @Path("/wx-login")
    public WxLoginReply wxLogin(WxLoginRequest request) {
        InvalidSimRequest.require(request != null && LoginCodes.isValidName(request.name()),
                "name must match [A-Za-z0-9_-]{1,40}");
        String name = request.name();
        return new WxLoginReply(loginCodes.issue(name), identities.openid(name), identities.unionid(name));
    }

    @POST
    @Path("/phone-code")
    public PhoneCodeReply phoneCode(PhoneCodeRequest request) {
        InvalidSimRequest.require(request != null && PhoneCodes.isValidMobile(request.phone()),
                "phone must be 11 digits starting with 1");
        return new PhoneCodeReply(phoneCodes.issue(request.phone()));
    }
}
