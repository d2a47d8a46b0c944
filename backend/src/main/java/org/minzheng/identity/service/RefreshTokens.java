package org.minzheng.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.error.DomainException;
import org.minzheng.common.redis.LuaScript;

/**
 * Rotating refresh tokens. A token is {@code family.secret}; Redis keeps only its SHA-256 (the secret
 * has 256 random bits, so a plain hash suffices) with an expiry. Each use exchanges it for a successor
 * in the same family; presenting a used one again means it was copied, and ends the whole family.
 */
@ApplicationScoped
public class RefreshTokens {

    public record Holder(Principal.Kind kind, long subject) {
    }

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    private static final LuaScript ROTATE = LuaScript.load("refresh-rotate.lua");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveRedisDataSource redis;

    public RefreshTokens(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Starts a new family (a login). */
    public Uni<String> start(Principal.Kind kind, long subject, Duration ttl) {
        String token = random(16) + "." + random(32);
        String family = familyOf(token);
        var hashes = redis.hash(String.class);
        return hashes.hset(tokenKey(family, token), Map.of("kind", kind.name(), "subject", Long.toString(subject), "used", "0",
                "ttl", Long.toString(ttl.toSeconds())))
                .flatMap(ignored -> redis.key(String.class).expire(tokenKey(family, token), ttl))
                .flatMap(ignored -> redis.value(String.class).setex(familyKey(family), ttl.toSeconds(), kind + ":" + subject))
                .replaceWith(token);
    }

    /** Exchanges a token for its successor; returns who it belongs to and the successor. */
    public Uni<Map.Entry<Holder, String>> rotate(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Uni.createFrom().failure(invalid());
        }
        String family = familyOf(token);
        String successor = family + "." + random(32);
        return ROTATE.run(redis, List.of(tokenKey(family, token), tokenKey(family, successor), familyKey(family)), List.of())
                .map(result -> {
                    String outcome = result.get(0).toString();
                    if ("REUSED".equals(outcome)) {
                        throw new DomainException(401, "REFRESH_TOKEN_REUSED");
                    }
                    if (!"OK".equals(outcome)) {
                        throw invalid();
                    }
                    Holder holder = new Holder(Principal.Kind.valueOf(result.get(1).toString()),
                            Long.parseLong(result.get(2).toString()));
                    return Map.entry(holder, successor);
                });
    }

    /** Logout: ends the family the token belongs to. Unknown tokens are ignored (logout is idempotent). */
    public Uni<Void> revoke(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Uni.createFrom().voidItem();
        }
        String family = familyOf(token);
        return redis.key(String.class).exists(tokenKey(family, token))
                .flatMap(known -> known ? redis.key(String.class).del(familyKey(family)).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private static DomainException invalid() {
        return new DomainException(401, "REFRESH_TOKEN_INVALID");
    }

    private static String familyOf(String token) {
        return token.substring(0, token.indexOf('.'));
    }

    // {family} is a hash tag: a family's keys live in one Redis Cluster slot, as the Lua script needs
    private static String tokenKey(String family, String token) {
        return "refresh:{" + family + "}:token:" + sha256(token);
    }

    private static String familyKey(String family) {
        return "refresh:{" + family + "}:family";
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
