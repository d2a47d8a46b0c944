package org.minzheng.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The backend's own PostgreSQL sessions end a transaction left idle (a defect's), rather than hold its locks for ever. */
@QuarkusTest
class DatabaseSessionsTest {

    @Inject
    Pool pool;

    @Test
    void aTransactionIdleForAMinuteIsEndedByPostgres() {
        String setting = pool.query("SHOW idle_in_transaction_session_timeout").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
        assertThat(setting).isEqualTo("1min");
    }
}
