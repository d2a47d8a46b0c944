package org.minzheng.identity.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import org.minzheng.common.audit.Actor;
import org.minzheng.common.error.DatabaseErrors;
import org.minzheng.identity.config.IdentityConfig;
import org.minzheng.identity.repository.StaffAccountRepository;

/**
 * Creates the first administrator at start-up when none is active, from configuration (a Secret in
 * production). Several replicas may start at once: the unique username decides, the others skip.
 */
@Singleton
public class BootstrapAdmin {

    void create(@Observes StartupEvent event, IdentityConfig config, StaffAccountRepository accounts, StaffAccounts staff)
            throws Throwable {
        IdentityConfig.BootstrapAdmin admin = config.bootstrapAdmin();
        if (admin.password().isEmpty()) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(accounts::anyAdmin).flatMap(exists -> exists
                ? Uni.createFrom().voidItem()
                : staff.create(Actor.SYSTEM, admin.username(), "Administrator", admin.password().get(),
                        new StaffAccounts.Scope(Set.of(StaffAccounts.Role.ADMIN), List.of(), List.of()))
                        .invoke(() -> Log.infof("Created the first administrator account"))
                        .replaceWithVoid()
                        .onFailure(f -> DatabaseErrors.uniqueViolation(f)
                                || f instanceof org.minzheng.common.error.DomainException)
                        .recoverWithNull()));
    }
}
