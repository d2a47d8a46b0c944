package org.minzheng.worker;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the stream reader runs; PostgreSQL and Redis readiness come from their extensions. */
@Liveness
@ApplicationScoped
public class ConsumerLiveness implements HealthCheck {

    private final StreamConsumer consumer;

    public ConsumerLiveness(StreamConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("notify-outbox-reader").status(consumer.alive()).build();
    }
}
