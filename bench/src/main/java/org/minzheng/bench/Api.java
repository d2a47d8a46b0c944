package org.minzheng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The backend's (or wechat-sim's) HTTP API as the mini-program and the console call it: JSON over HTTP/1.1. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: the status, and the problem's {@code code} or the body. */
    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("code").asText(Integer.toString(status));
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    Answer get(String path, String token) {
        return join(getAsync(path, token));
    }

    Answer post(String path, String token, Object body) {
        return join(send("POST", path, token, body));
    }

    Answer put(String path, String token, Object body) {
        return join(send("PUT", path, token, body));
    }

    CompletableFuture<Answer> getAsync(String path, String token) {
        return send("GET", path, token, null);
    }

    CompletableFuture<Answer> send(String method, String path, String token, Object body) {
        return send(method, path, token, body, null);
    }

    /** With an Idempotency-Key, as the mini-program sends a booking. */
    CompletableFuture<Answer> send(String method, String path, String token, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), read(r.body())));
    }

    private static Answer join(CompletableFuture<Answer> answer) {
        try {
            return answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("text", body);
        }
    }
}
