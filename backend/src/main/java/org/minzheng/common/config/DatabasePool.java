package org.minzheng.common.config;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The PostgreSQL pool Quarkus would make, with a bounded wait for a connection ({@code minzheng.database.connection-wait};
 * Quarkus has no setting for it, and Vert.x' default is 30 s). A request that waits longer is answered 503
 * {@code SERVICE_BUSY} with {@code Retry-After}: when a release brings more requests than the database takes, the queue
 * stays a few seconds long rather than growing for as long as the rush lasts. A request that changes something answers
 * from inside its transaction (or from what it has in hand), never on a second connection after the commit, so a refusal
 * comes before anything was done; the tests' {@code StrictPool} refuses any connection asked for after a commit. Quarkus'
 * credentials provider (rotating database passwords) is not carried over: the pool connects with the configured user
 * and password.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final Duration connectionWait;

    DatabasePool(@ConfigProperty(name = "minzheng.database.connection-wait") Duration connectionWait) {
        this.connectionWait = connectionWait;
    }

    @Override
    public Pool create(Input input) {
        return PgBuilder.pool()
                .with(input.poolOptions().setConnectionTimeout((int) connectionWait.toMillis())
                        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS))
                .connectingTo(List.copyOf(input.pgConnectOptionsList())).using(input.vertx()).build();
    }
}
