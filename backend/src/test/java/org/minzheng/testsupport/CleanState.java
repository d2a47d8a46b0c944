package org.minzheng.testsupport;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Every test run starts from empty stores: Flyway cleans and migrates the test database
 * ({@code %test.quarkus.flyway.clean-at-start}), and this empties the test Redis database.
 */
@Singleton
public class CleanState {

    void flushRedis(@Observes StartupEvent event, RedisDataSource redis) {
        redis.execute("FLUSHDB"); // the test database only (db 1), never the dev one
    }
}
