package org.minzheng.wechatsim;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code /cgi-bin/message/subscribe/send}, in WeChat's field names. */
public record SubscribeMessage(
        String touser,
        @JsonProperty("template_id") String templateId,
        String page,
        Map<String, DataItem> data,
        @JsonProperty("miniprogram_state") String miniprogramState,
        String lang) {

    /** One template keyword's value: {@code {"value": "..."}}. */
    public record DataItem(String value) {
    }
}
