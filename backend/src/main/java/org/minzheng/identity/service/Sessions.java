package org.minzheng.identity.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.error.DomainException;
import org.minzheng.identity.config.IdentityConfig;
import org.minzheng.identity.repository.ResidentRepository;
import org.minzheng.identity.repository.StaffAccountRepository;
import org.minzheng.wechat.WeChatClient;

/** Sessions: resident login with WeChat, and refresh and logout of any session (resident or staff). */
@ApplicationScoped
public class Sessions {

    public record Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken) {
    }

    private final WeChatClient wechat;
    private final ResidentRepository residents;
    private final StaffAccountRepository staff;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final IdentityConfig.Tokens config;
    private final Clock clock;

    public Sessions(WeChatClient wechat, ResidentRepository residents, StaffAccountRepository staff,
            TokenIssuer issuer, RefreshTokens refreshTokens, IdentityConfig config, Clock clock) {
        this.wechat = wechat;
        this.residents = residents;
        this.staff = staff;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.config = config.tokens();
        this.clock = clock;
    }

    /** Exchanges a {@code wx.login} code for tokens, creating the resident on first login. */
    public Uni<Tokens> residentLogin(String code) {
        return wechat.code2Session(code)
                .flatMap(session -> Panache.withTransaction(
                        () -> residents.upsertByOpenid(session.openid(), session.unionid(), clock.instant())))
                .flatMap(residentId -> start(Principal.resident(residentId)));
    }

    /** A new session (refresh token family) and its first access token. */
    public Uni<Tokens> start(Principal principal) {
        Duration ttl = principal.kind() == Principal.Kind.RESIDENT ? config.residentRefreshTtl() : config.staffRefreshTtl();
        return refreshTokens.start(principal.kind(), principal.id(), ttl).map(refresh -> tokens(principal, refresh));
    }

    /** Rotates the refresh token; the new access token carries the account's current roles and scope. */
    public Uni<Tokens> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken)
                .flatMap(rotated -> Panache.withSession(() -> principalOf(rotated.getKey())).map(principal -> tokens(principal, rotated.getValue())));
    }

    public Uni<Void> logout(String refreshToken) {
        return refreshTokens.revoke(refreshToken);
    }

    private Tokens tokens(Principal principal, String refreshToken) {
        TokenIssuer.AccessToken access = issuer.issue(principal);
        return new Tokens(access.token(), access.expiresAt(), refreshToken);
    }

    private Uni<Principal> principalOf(RefreshTokens.Holder holder) {
        if (holder.kind() == Principal.Kind.RESIDENT) {
            return residents.findById(holder.subject())
                    .onItem().ifNull().failWith(() -> new DomainException(401, "REFRESH_TOKEN_INVALID"))
                    .map(r -> Principal.resident(r.id));
        }
        return staff.findById(holder.subject())
                .onItem().ifNull().failWith(() -> new DomainException(401, "REFRESH_TOKEN_INVALID"))
                .map(account -> {
                    if (account.disabled) {
                        throw new DomainException(401, "REFRESH_TOKEN_INVALID");
                    }
                    return StaffAccounts.principalOf(account);
                });
    }
}
