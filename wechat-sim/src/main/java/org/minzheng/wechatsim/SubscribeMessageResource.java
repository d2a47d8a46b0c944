package org.minzheng.wechatsim;

import java.util.Set;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.logging.Log;

/** {@code subscribeMessage.send}: "delivers" a subscribe message by recording it for tests to read. */
@Path("/cgi-bin/message/subscribe/send")
@Produces(MediaType.APPLICATION_JSON)
public class SubscribeMessageResource {

    private static final Set<String> MINIPROGRAM_STATES = Set.of("developer", "trial", "formal");

    public record SendReply(int errcode, String errmsg, long msgid) {
    }

    private final CallGate gate;
    private final AccessTokens tokens;
    private final UserIdentities identities;
    private final SubscribeMessages messages;
    private final WechatJson json;

    SubscribeMessageResource(CallGate gate, AccessTokens tokens, UserIdentities identities,
            SubscribeMessages messages, WechatJson json) {
        this.gate = gate;
        this.tokens = tokens;
        this.identities = identities;
        this.messages = messages;
        this.json = json;
    }

    @POST
    public Object send(@QueryParam("access_token") String accessToken, String body) {
        var refused = gate.enter(Api.SUBSCRIBE_SEND).or(() -> tokens.check(accessToken));
        if (refused.isPresent()) {
            return refused.get();
        }
        var request = json.read(body, SubscribeMessage.class);
        if (request.isEmpty()) {
            return WechatError.DATA_FORMAT_ERROR;
        }
        SubscribeMessage message = request.get();
        if (!identities.isIssued(message.touser())) {
            return WechatError.INVALID_OPENID;
        }
        if (message.templateId() == null || message.templateId().isBlank()) {
            return WechatError.INVALID_TEMPLATE_ID;
        }
        if (message.data() == null || message.data().isEmpty()
                || message.data().values().stream().anyMatch(item -> item == null || item.value() == null)) {
            return WechatError.ARGUMENT_INVALID;
        }
        if (message.miniprogramState() != null && !MINIPROGRAM_STATES.contains(message.miniprogramState())) {
            return WechatError.ARGUMENT_INVALID;
        }
        RecordedMessage recorded = messages.record(message);
        Log.debugf("Subscribe message %d to %s", recorded.msgid(), recorded.touser());
        return new SendReply(0, "ok", recorded.msgid());
    }
}
