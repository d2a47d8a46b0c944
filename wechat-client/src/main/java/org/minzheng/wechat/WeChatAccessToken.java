package org.minzheng.wechat;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * The one WeChat access token shared by every backend and worker replica, kept in Redis. One replica
 * refreshes it under a Redis lock; the others wait for the new value. We use {@code stable_token}, which
 * hands out the current token without invalidating it, so a replica that cannot reach Redis can still
 * fetch it directly without breaking the others.
 */
@ApplicationScoped
public class WeChatAccessToken {

    private static final Duration LOCK_TTL = Duration.ofSeconds(10);
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    private static final int WAIT_STEPS = 50;
    /** Deletes the cached token only if it is still the stale one we saw (another replica may have refreshed). */
    private static final String DELETE_IF_EQUAL = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final WeChatClient wechat;
    private final WeChatConfig config;
    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;

    public WeChatAccessToken(WeChatClient wechat, WeChatConfig config, ReactiveRedisDataSource redis) {
        this.wechat = wechat;
        this.config = config;
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    /**
     * Runs a WeChat call with the shared token; when WeChat says the token is stale
     * ({@code 40001/40014/42001}) it refreshes the token and retries once.
     */
    public <T> Uni<T> withToken(Function<String, Uni<T>> call) {
        return current().flatMap(token -> call.apply(token)
                .onFailure(f -> f instanceof WeChatException e && e.staleAccessToken())
                .recoverWithUni(f -> discard(token).flatMap(ignored -> current()).flatMap(fresh -> call.apply(fresh))));
    }

    Uni<String> current() {
        return values.get(key())
                .onFailure().recoverWithNull()
                .flatMap(cached -> cached != null ? Uni.createFrom().item(cached) : refresh(0));
    }

    private Uni<String> refresh(int waited) {
        String lockValue = UUID.randomUUID().toString();
        return values.set(lockKey(), lockValue, new SetArgs().nx().px(LOCK_TTL)).replaceWith(true)
                .flatMap(ignored -> values.get(lockKey()))
                .map(lockValue::equals)
                .onFailure().recoverWithItem(failure -> {
                    Log.warn("Redis unreachable: fetching the WeChat access token without the shared cache");
                    return null;
                })
                .flatMap(locked -> {
                    if (locked == null) {
                        return wechat.stableToken(false).map(WeChatClient.AccessToken::token);
                    }
                    if (locked) {
                        // another replica may have stored a token between our miss and our lock
                        return values.get(key())
                                .flatMap(cached -> cached != null ? Uni.createFrom().item(cached) : fetchAndStore())
                                .eventually(() -> redis.key(String.class).del(lockKey()).onFailure().recoverWithNull());
                    }
                    if (waited >= WAIT_STEPS) {
                        return Uni.createFrom().failure(WeChatException.unavailable());
                    }
                    // another replica is refreshing: wait for its result
                    return Uni.createFrom().voidItem().onItem().delayIt().by(WAIT_STEP)
                            .flatMap(v -> values.get(key()))
                            .flatMap(token -> token != null ? Uni.createFrom().item(token) : refresh(waited + 1));
                });
    }

    private Uni<String> fetchAndStore() {
        return wechat.stableToken(false).flatMap(fresh -> {
            long ttl = Math.max(fresh.expiresInSeconds() - config.tokenRefreshMargin().toSeconds(), 1);
            return values.setex(key(), ttl, fresh.token()).replaceWith(fresh.token());
        });
    }

    private Uni<Void> discard(String staleToken) {
        return redis.execute("EVAL", DELETE_IF_EQUAL, "1", key(), staleToken)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private String key() {
        return "wechat:access-token:" + config.appid();
    }

    private String lockKey() {
        return key() + ":lock";
    }
}
