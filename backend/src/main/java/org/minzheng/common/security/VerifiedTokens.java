package org.minzheng.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Access tokens already verified, each until its own expiry: a resident's phone sends the same token with every
 * request for half an hour, and verifying it again (RS256, and jose4j's JSON parser allocating two 16 KB buffers a
 * token) was up to a sixth of a booking's CPU and a third of its garbage in the bench. Keyed by the token's whole text,
 * so a token changed in any character is verified afresh; failures are never kept. Access tokens cannot be revoked
 * before they expire (sign-out ends the refresh token), so keeping a verdict until then changes no answer.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** Bounded: a flash release brings thousands of residents at once, each token worth keeping only if used again. */
    static final int KEPT = 4096;

    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(KEPT).expireAfter(Expiry.<String, JsonWebToken>creating(
                (token, jwt) -> Duration.between(clock.instant(), Instant.ofEpochSecond(jwt.getExpirationTime())))).build();
    }

    JsonWebToken known(String token) {
        JsonWebToken jwt = verified.getIfPresent(token);
        return jwt != null && clock.instant().getEpochSecond() < jwt.getExpirationTime() ? jwt : null;
    }

    void remember(String token, JsonWebToken jwt) {
        if (jwt.getExpirationTime() > clock.instant().getEpochSecond()) {
            verified.put(token, jwt);
        }
    }
}
