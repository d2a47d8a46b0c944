package org.minzheng.wechatsim;

import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.logging.Log;

/**
 * {@code subscribeMessage.send}: "delivers" a subscribe message by recording it for tests to read, once
 * it passes WeChat's checks: a known template, exactly its keywords, each value within its type.
 */
@Path("/cgi-bin/message/subscribe/send")
@Produces(MediaType.APPLICATION_JSON)
public class SubscribeMessageResource {

    private static final Set<String> MINIPROGRAM_STATES = Set.of("developer", "trial", "formal");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    public record SendReply(int errcode, String errmsg, long msgid) {
    }

    private final CallGate gate;
    private final AccessTokens tokens;
    private final UserIdentities identities;
    private final SubscribeTemplates templates;
    private final SubscribeMessages messages;
    private final WechatJson json;
    private final Clock clock;

    SubscribeMessageResource(CallGate gate, AccessTokens tokens, UserIdentities identities,
            SubscribeTemplates templates, SubscribeMessages messages, WechatJson json, Clock clock) {
        this.gate = gate;
        this.tokens = tokens;
        this.identities = identities;
        this.templates = templates;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
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
        if (!templates.exists(message.templateId())) {
            return WechatError.INVALID_TEMPLATE_ID;
        }
        var problem = templates.problemWith(message.templateId(), message.data());
        if (problem.isPresent()) {
            return WechatError.argumentInvalid(problem.get(), RandomStrings.rid(clock.instant()));
        }
        if (message.page() != null && !message.page().isBlank() && WHITESPACE.matcher(message.page()).find()) {
            return WechatError.INVALID_PAGE;
        }
        if (message.miniprogramState() != null && !MINIPROGRAM_STATES.contains(message.miniprogramState())) {
            return WechatError.ARGUMENT_INVALID;
        }
        RecordedMessage recorded = messages.record(message);
        Log.debugf("Subscribe message %d to %s", recorded.msgid(), recorded.touser());
        return new SendReply(0, "ok", recorded.msgid());
    }
}
