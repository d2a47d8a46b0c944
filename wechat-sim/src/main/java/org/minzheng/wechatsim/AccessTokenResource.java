package org.minzheng.wechatsim;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code getAccessToken} and {@code getStableAccessToken}: the mini-program's server credentials. */
@Path("/cgi-bin")
@Produces(MediaType.APPLICATION_JSON)
public class AccessTokenResource {

    private static final String CLIENT_CREDENTIAL = "client_credential";

    public record StableTokenRequest(
            @JsonProperty("grant_type") String grantType,
            String appid,
            String secret,
            @JsonProperty("force_refresh") Boolean forceRefresh) {
    }

    public record AccessToken(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {

        static AccessToken of(AccessTokens.Grant grant) {
            return new AccessToken(grant.token(), grant.expiresIn());
        }
    }

    private final WechatSimConfig config;
    private final CallGate gate;
    private final AccessTokens tokens;
    private final WechatJson json;

    AccessTokenResource(WechatSimConfig config, CallGate gate, AccessTokens tokens, WechatJson json) {
        this.config = config;
        this.gate = gate;
        this.tokens = tokens;
        this.json = json;
    }

    @GET
    @Path("/token")
    public Object token(@QueryParam("grant_type") String grantType, @QueryParam("appid") String appid,
            @QueryParam("secret") String secret) {
        var refused = gate.enter(Api.TOKEN).or(() -> checkClient(grantType, appid, secret));
        if (refused.isPresent()) {
            return refused.get();
        }
        return AccessToken.of(tokens.issuePlain());
    }

    @POST
    @Path("/stable_token")
    public Object stableToken(String body) {
        var fault = gate.enter(Api.STABLE_TOKEN);
        if (fault.isPresent()) {
            return fault.get();
        }
        var request = json.read(body, StableTokenRequest.class);
        if (request.isEmpty()) {
            return WechatError.DATA_FORMAT_ERROR;
        }
        StableTokenRequest sent = request.get();
        var refused = checkClient(sent.grantType(), sent.appid(), sent.secret());
        if (refused.isPresent()) {
            return refused.get();
        }
        return AccessToken.of(tokens.stable(Boolean.TRUE.equals(sent.forceRefresh())));
    }

    private Optional<WechatError> checkClient(String grantType, String appid, String secret) {
        if (!config.appid().equals(appid)) {
            return Optional.of(WechatError.INVALID_APPID);
        }
        if (!config.secret().equals(secret)) {
            return Optional.of(WechatError.INVALID_APPSECRET);
        }
        if (!CLIENT_CREDENTIAL.equals(grantType)) {
            return Optional.of(WechatError.INVALID_GRANT_TYPE);
        }
        return Optional.empty();
    }
}
