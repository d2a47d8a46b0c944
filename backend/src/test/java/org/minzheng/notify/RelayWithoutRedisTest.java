package org.minzheng.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minzheng.notify.service.OutboxRelay;
import org.minzheng.testsupport.BookingFixtures;
import org.minzheng.testsupport.ProxiedProfile;
import org.minzheng.testsupport.ProxiedServices;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/** Redis gone between the outbox write and the relay: nothing is lost, the rows wait and go later. */
@QuarkusTest
@TestProfile(ProxiedProfile.class)
class RelayWithoutRedisTest {

    @Inject
    BookingFixtures fixtures;

    @Inject
    OutboxRelay relay;

    @AfterEach
    void restore() {
        ProxiedServices.redis().restore();
    }

    @Test
    void rowsWaitForRedisAndAreRelayedWhenItReturns() throws Throwable {
        BookingFixtures.Resident r = fixtures.verifiedResidents(1).get(0);
        while (VertxContextSupport.subscribeAndAwait(relay::relay) > 0) {
            // drain what earlier tests left
        }
        fixtures.sql("INSERT INTO outbox (dedup_key, template_key, resident_id, data, created_at) "
                + "SELECT 'outage-test:' || g, 'TEST', " + r.id() + ", '{}'::jsonb, now() FROM generate_series(1, 5) g");

        ProxiedServices.redis().cut();
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(relay::relay)).isNotNull();
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE dedup_key LIKE 'outage-test:%' AND relayed_at IS NULL"))
                .isEqualTo(5);

        ProxiedServices.redis().restore();
        assertThat(VertxContextSupport.subscribeAndAwait(relay::relay)).isEqualTo(5);
        assertThat(fixtures.count("SELECT count(*) FROM outbox WHERE dedup_key LIKE 'outage-test:%' AND relayed_at IS NULL"))
                .isZero();
    }
}
