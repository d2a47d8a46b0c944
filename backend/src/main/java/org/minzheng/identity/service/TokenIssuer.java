package org.minzheng.identity.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;

import org.minzheng.identity.config.IdentityConfig;

/** Signs short-lived RS256 access tokens ({@code smallrye.jwt.sign.key.*}); verification is smallrye-jwt's. */
@ApplicationScoped
public class TokenIssuer {

    public static final String KIND_CLAIM = "kind";
    public static final String POINTS_CLAIM = "points";
    public static final String STREETS_CLAIM = "streets";

    public record AccessToken(String token, Instant expiresAt) {
    }

    private final IdentityConfig.Tokens config;
    private final Clock clock;

    public TokenIssuer(IdentityConfig config, Clock clock) {
        this.config = config.tokens();
        this.clock = clock;
    }

    public AccessToken issue(Principal principal) {
        Instant now = clock.instant();
        Duration ttl = principal.kind() == Principal.Kind.RESIDENT ? config.residentAccessTtl() : config.staffAccessTtl();
        Instant expiresAt = now.plus(ttl);
        var builder = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(Long.toString(principal.id()))
                .groups(principal.roles())
                .claim(KIND_CLAIM, principal.kind().name())
                .issuedAt(now)
                .expiresAt(expiresAt);
        if (principal.kind() == Principal.Kind.STAFF) {
            builder.claim(POINTS_CLAIM, principal.servicePointIds()).claim(STREETS_CLAIM, principal.streetCodes());
        }
        return new AccessToken(builder.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(), expiresAt);
    }
}
