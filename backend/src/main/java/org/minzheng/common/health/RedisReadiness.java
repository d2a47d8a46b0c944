package org.minzheng.common.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis is the fast path (slot gate, rate limits), not the truth: without it bookings still go through
 * PostgreSQL. So an unreachable Redis keeps the backend ready and reports {@code degraded}, instead of
 * taking every replica out of the load balancer at once.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    static final String NAME = "redis";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;

    public RedisReadiness(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(TIMEOUT).fail()
                .map(pong -> HealthCheckResponse.named(NAME).up().withData("mode", "normal").build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).up()
                        .withData("mode", "degraded")
                        .withData("detail", "Redis unreachable: bookings fall back to PostgreSQL")
                        .build());
    }
}
