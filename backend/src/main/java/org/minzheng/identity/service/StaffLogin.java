package org.minzheng.identity.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.StaffAccount;
import org.minzheng.identity.config.IdentityConfig;
import org.minzheng.identity.repository.StaffAccountRepository;

/**
 * Staff sign-in with username and password. Failures are counted per username whether or not it exists,
 * and an unknown username costs the same bcrypt work as a wrong password, so neither the answer, the
 * lockout nor the timing tells whether an account exists.
 */
@ApplicationScoped
public class StaffLogin {

    private static final String DUMMY_HASH = BcryptUtil.bcryptHash(UUID.randomUUID().toString());

    private final StaffAccountRepository accounts;
    private final StaffAccounts staff;
    private final Sessions sessions;
    private final IdentityConfig.StaffLockout lockout;
    private final Clock clock;

    public StaffLogin(StaffAccountRepository accounts, StaffAccounts staff, Sessions sessions, IdentityConfig config,
            Clock clock) {
        this.accounts = accounts;
        this.staff = staff;
        this.sessions = sessions;
        this.lockout = config.staffLockout();
        this.clock = clock;
    }

    public Uni<Sessions.Tokens> login(String username, String password) {
        String key = username.strip().toLowerCase(Locale.ROOT);
        return Panache.withSession(() -> lockedUntil(key)).flatMap(locked -> {
            if (locked != null) {
                throw locked(locked);
            }
            return Panache.withSession(() -> accounts.findByUsername(username.strip()))
                    .flatMap(account -> staff.matches(password, account == null ? DUMMY_HASH : account.passwordHash)
                            .flatMap(matches -> matches && !account.disabled
                                    ? succeed(key, account)
                                    : fail(key)));
        });
    }

    private Uni<Sessions.Tokens> succeed(String key, StaffAccount account) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM staff_login_throttle WHERE username_key = :key")
                .setParameter("key", key).executeUpdate()))
                .flatMap(ignored -> sessions.start(StaffAccounts.principalOf(account)));
    }

    private Uni<Sessions.Tokens> fail(String key) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> recordFailure(session, key, now)))
                .map(lockedUntil -> {
                    throw lockedUntil != null ? locked(lockedUntil) : new DomainException(401, "BAD_CREDENTIALS");
                });
    }

    /** One atomic statement, so parallel wrong guesses are all counted. */
    private Uni<Instant> recordFailure(Mutiny.Session session, String key, Instant now) {
        return session.createNativeQuery("""
                INSERT INTO staff_login_throttle AS t (username_key, failures, first_failure_at, locked_until)
                VALUES (:key, 1, :now, CASE WHEN 1 >= :max THEN CAST(:lockedUntil AS timestamptz) END)
                ON CONFLICT (username_key) DO UPDATE SET
                    failures = CASE WHEN t.first_failure_at < :windowStart THEN 1 ELSE t.failures + 1 END,
                    first_failure_at = CASE WHEN t.first_failure_at < :windowStart THEN :now ELSE t.first_failure_at END,
                    locked_until = CASE
                        WHEN (CASE WHEN t.first_failure_at < :windowStart THEN 1 ELSE t.failures + 1 END) >= :max
                        THEN CAST(:lockedUntil AS timestamptz) END
                RETURNING locked_until""", Instant.class)
                .setParameter("key", key)
                .setParameter("now", now)
                .setParameter("max", lockout.maxFailures())
                .setParameter("lockedUntil", now.plus(lockout.lockFor()))
                .setParameter("windowStart", now.minus(lockout.lockFor()))
                .getSingleResultOrNull();
    }

    private Uni<Instant> lockedUntil(String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT locked_until FROM staff_login_throttle WHERE username_key = :key AND locked_until > :now", Instant.class)
                .setParameter("key", key)
                .setParameter("now", clock.instant())
                .getSingleResultOrNull());
    }

    private DomainException locked(Instant until) {
        long seconds = Math.max(Duration.between(clock.instant(), until).toSeconds(), 1);
        return new DomainException(423, "ACCOUNT_LOCKED", List.of(), Map.of("Retry-After", Long.toString(seconds)),
                (seconds + 59) / 60);
    }
}
