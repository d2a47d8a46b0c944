package org.minzheng.identity.service;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.audit.AuditLog;
import org.minzheng.common.error.DomainException;
import org.minzheng.identity.StaffAccount;
import org.minzheng.identity.repository.StaffAccountRepository;

/** Staff accounts as administrators manage them; every change is audited with the administrator's id. */
@ApplicationScoped
public class StaffAccounts {

    /** COUNSELOR: a counselor or duty lawyer, who sees their own sessions only (see {@code counseling}). */
    public enum Role {
        COUNTER, CASEWORKER, APPROVER, ADMIN, COUNSELOR
    }

    public record Scope(Set<Role> roles, List<Long> servicePointIds, List<String> streetCodes) {
    }

    private final StaffAccountRepository accounts;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Clock clock;

    public StaffAccounts(StaffAccountRepository accounts, AuditLog audit, Vertx vertx, Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.vertx = vertx;
        this.clock = clock;
    }

    public static Principal principalOf(StaffAccount account) {
        return new Principal(Principal.Kind.STAFF, account.id, Set.of(account.roles), List.of(account.servicePointIds),
                List.of(account.streetCodes));
    }

    /** bcrypt is deliberately slow: never on the event loop. */
    Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> BcryptUtil.bcryptHash(password));
    }

    Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(() -> BcryptUtil.matches(password, hash));
    }

    public Uni<StaffAccount> create(Actor actor, String username, String displayName, String password, Scope scope) {
        return hash(password).flatMap(hash -> Panache.withTransaction(() -> accounts.findByUsername(username)
                .flatMap(existing -> {
                    if (existing != null) {
                        throw new DomainException(409, "USERNAME_TAKEN");
                    }
                    StaffAccount account = new StaffAccount();
                    account.username = username;
                    account.displayName = displayName;
                    account.passwordHash = hash;
                    apply(account, scope);
                    account.createdAt = clock.instant();
                    account.updatedAt = account.createdAt;
                    return accounts.persistAndFlush(account);
                })
                .call(account -> audit.record(actor, "STAFF_CREATED",
                        subject(account), null))));
    }

    public Uni<List<StaffAccount>> page(Long afterId, int limitPlusOne) {
        return Panache.withSession(() -> afterId == null
                ? accounts.find("ORDER BY id").page(0, limitPlusOne).list()
                : accounts.find("id > ?1 ORDER BY id", afterId).page(0, limitPlusOne).list());
    }

    public Uni<StaffAccount> get(long id) {
        return Panache.withSession(() -> find(id));
    }

    public Uni<StaffAccount> rescope(long adminId, long id, Scope scope) {
        return change(adminId, id, "STAFF_RESCOPED", account -> {
            boolean losesAdmin = Arrays.asList(account.roles).contains(Role.ADMIN.name()) && !scope.roles().contains(Role.ADMIN);
            return (losesAdmin ? notLastAdmin(account) : Uni.createFrom().voidItem()).invoke(() -> apply(account, scope));
        });
    }

    public Uni<StaffAccount> setDisabled(long adminId, long id, boolean disabled) {
        return change(adminId, id, disabled ? "STAFF_DISABLED" : "STAFF_ENABLED", account -> {
            boolean losesAdmin = disabled && !account.disabled && Arrays.asList(account.roles).contains(Role.ADMIN.name());
            return (losesAdmin ? notLastAdmin(account) : Uni.createFrom().voidItem()).invoke(() -> account.disabled = disabled);
        });
    }

    public Uni<StaffAccount> resetPassword(long adminId, long id, String password) {
        return hash(password).flatMap(hash -> change(adminId, id, "STAFF_PASSWORD_RESET", account -> {
            account.passwordHash = hash;
            return Uni.createFrom().voidItem();
        }));
    }

    private Uni<StaffAccount> change(long adminId, long id, String action,
            java.util.function.Function<StaffAccount, Uni<?>> mutation) {
        return Panache.withTransaction(() -> find(id)
                .call(mutation)
                .invoke(account -> account.updatedAt = clock.instant())
                .call(account -> accounts.flush())
                .call(account -> audit.record(Actor.staff(adminId), action, subject(account), null)));
    }

    /** Keeps at least one active administrator, or nobody could manage staff any more. */
    private Uni<Void> notLastAdmin(StaffAccount account) {
        return accounts.activeAdminsOtherThan(account.id)
                .invoke(others -> {
                    if (others == 0) {
                        throw new DomainException(409, "LAST_ADMIN");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<StaffAccount> find(long id) {
        return accounts.findById(id).onItem().ifNull().failWith(() -> new DomainException(404, "STAFF_NOT_FOUND"));
    }

    private static void apply(StaffAccount account, Scope scope) {
        account.roles = scope.roles().stream().map(Role::name).sorted().toArray(String[]::new);
        account.servicePointIds = scope.servicePointIds().stream().distinct().sorted().toArray(Long[]::new);
        account.streetCodes = scope.streetCodes().stream().distinct().sorted().toArray(String[]::new);
    }

    static String subject(StaffAccount account) {
        return "staff:" + account.id;
    }
}
