package org.minzheng.wechatsim;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An accepted subscribe message as tests read it: the request as sent, plus the msgid it got. */
public record RecordedMessage(
        long msgid,
        String touser,
        @JsonProperty("template_id") String templateId,
        String page,
        Map<String, SubscribeMessage.DataItem> data,
        @JsonProperty("miniprogram_state") String miniprogramState,
        String lang) {

    static RecordedMessage of(long msgid, SubscribeMessage message) {
        return new RecordedMessage(msgid, message.touser(), message.templateId(), message.page(), message.data(),
                message.miniprogramState(), message.lang());
    }
}
