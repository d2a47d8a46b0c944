package org.minzheng.wechat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The WeChat server API (api.weixin.qq.com; wechat-sim outside production). Bodies are read as text
 * because WeChat labels some JSON answers {@code text/plain}; {@link WeChatClient} parses them.
 */
@RegisterRestClient(configKey = "wechat")
@Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
public interface WeChatApi {

    @GET
    @Path("/sns/jscode2session")
    Uni<String> code2Session(@QueryParam("appid") String appid, @QueryParam("secret") String secret,
            @QueryParam("js_code") String code, @QueryParam("grant_type") String grantType);

    @POST
    @Path("/cgi-bin/stable_token")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> stableToken(String jsonBody);

    @POST
    @Path("/wxa/business/getuserphonenumber")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> phoneNumber(@QueryParam("access_token") String accessToken, String jsonBody);

    @POST
    @Path("/cgi-bin/message/subscribe/send")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> subscribeSend(@QueryParam("access_token") String accessToken, String jsonBody);
}
