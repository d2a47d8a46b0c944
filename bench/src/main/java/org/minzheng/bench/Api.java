package org.minzheng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The backend's (or wechat-sim's) HTTP API as the mini-program and the console call it: JSON over HTTP/1.1, through
 * at most {@link #CONNECTIONS} keep-alive connections (an ingress' upstream pool), requests beyond them waiting in
 * the client's queue, which counts in their latency. A request unanswered after {@link #GIVE_UP_SECONDS} is given up,
 * as a phone gives up.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CONNECTIONS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONNECTIONS", "512"));
    static final long GIVE_UP_SECONDS = 60;
    private static final Vertx VERTX = Vertx.vertx(new VertxOptions()
            .setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));

    /** An answer: the status (0: none), and the problem's {@code code} or the body. */
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

    private final HttpClient http;
    private final Context context = VERTX.getOrCreateContext();

    Api(String base) {
        URI uri = URI.create(base);
        http = VERTX.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
                .setKeepAlive(true).setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(CONNECTIONS)
                .setMaxWaitQueueSize(-1));
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
        return send(method, path, token, body == null ? null : Buffer.buffer(write(body)), "application/json", idempotencyKey);
    }

    /** A body already encoded, of this type (a multipart upload). */
    CompletableFuture<Answer> send(String method, String path, String token, Buffer payload, String contentType,
            String idempotencyKey) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setURI(path)
                .putHeader("Accept", "application/json");
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (payload != null) {
            request.putHeader("Content-Type", contentType);
        }
        // all of it on the client's event loop, so the body's handler is set before the body can arrive: registered
        // from the caller's thread, it raced the body and an answer could come back empty
        Promise<Answer> answer = Promise.promise();
        context.runOnContext(ignored -> http.request(request)
                .compose(r -> (payload == null ? r.send() : r.send(payload))
                        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), read(b.toString())))))
                .onComplete(answer));
        return answer.future().toCompletionStage().toCompletableFuture()
                .orTimeout(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    }

    private static Answer join(CompletableFuture<Answer> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
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
