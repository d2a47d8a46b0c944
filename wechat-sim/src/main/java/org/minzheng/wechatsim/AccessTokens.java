package org.minzheng.wechatsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

/**
 * The mini-program's access tokens. WeChat keeps the tokens of {@code /cgi-bin/token} and
 * {@code /cgi-bin/stable_token} apart, so each kind has its own "latest" token, and only the latest of
 * a kind is accepted. Every token ever issued is remembered so that a stale one can be told from one
 * that was never issued: both answer 40001, but an expired latest token answers 42001.
 *
 * <p>Synchronized throughout: "same token while valid" must hold under concurrent refreshes.
 */
@Singleton
public class AccessTokens {

    static final Duration VALIDITY = Duration.ofHours(2);

    enum Kind { PLAIN, STABLE }

    /** A token and the seconds it has left, as WeChat's {@code expires_in}. */
    record Grant(String token, long expiresIn) {
    }

    private record Issued(Kind kind, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Issued> issued = new HashMap<>();
    private final Map<Kind, String> latest = new EnumMap<>(Kind.class);

    AccessTokens(Clock clock) {
        this.clock = clock;
    }

    /** {@code /cgi-bin/token}: always a new token; the previous one stops working at once. */
    synchronized Grant issuePlain() {
        return issue(Kind.PLAIN);
    }

    /** {@code /cgi-bin/stable_token}: the current token while it is valid, unless forced. */
    synchronized Grant stable(boolean forceRefresh) {
        String current = latest.get(Kind.STABLE);
        if (current != null && !forceRefresh) {
            long secondsLeft = Duration.between(clock.instant(), issued.get(current).expiresAt()).toSeconds();
            if (secondsLeft > 0) {
                return new Grant(current, secondsLeft);
            }
        }
        return issue(Kind.STABLE);
    }

    /** Empty when the token may call APIs, otherwise WeChat's error for it. */
    synchronized Optional<WechatError> check(String token) {
        Issued found = token == null ? null : issued.get(token);
        if (found == null || !token.equals(latest.get(found.kind()))) {
            return Optional.of(WechatError.INVALID_CREDENTIAL);
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            return Optional.of(WechatError.ACCESS_TOKEN_EXPIRED);
        }
        return Optional.empty();
    }

    synchronized void reset() {
        issued.clear();
        latest.clear();
    }

    private Grant issue(Kind kind) {
        String token = RandomStrings.urlSafe(48);
        issued.put(token, new Issued(kind, clock.instant().plus(VALIDITY)));
        latest.put(kind, token);
        return new Grant(token, VALIDITY.toSeconds());
    }
}
