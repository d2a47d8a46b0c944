package org.minzheng.wechatsim;

import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON as WeChat handles it: POST bodies are read whatever their Content-Type, and an unreadable body is
 * errcode 47001 in a 200 answer rather than an HTTP 400, so WeChat endpoints take the body as a string
 * and parse it here.
 */
@Singleton
public class WechatJson {

    private final ObjectMapper mapper;

    WechatJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Empty when the body is missing or not JSON of that shape. */
    <T> Optional<T> read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mapper.readValue(body, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sim response types always serialize", e);
        }
    }
}
