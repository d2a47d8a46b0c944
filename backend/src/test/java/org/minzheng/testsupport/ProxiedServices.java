package org.minzheng.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the application against PostgreSQL and Redis through {@link TcpProxy} relays, which tests reach
 * with {@link #postgres()} and {@link #redis()} to simulate outages.
 */
public class ProxiedServices implements QuarkusTestResourceLifecycleManager {

    private static TcpProxy postgres;
    private static TcpProxy redis;

    public static TcpProxy postgres() {
        return postgres;
    }

    public static TcpProxy redis() {
        return redis;
    }

    @Override
    public Map<String, String> start() {
        // the same settings the application would take (scripts/services.sh env), with the defaults of application.properties
        URI pg = URI.create(env("_TEST_QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:55432/minzheng_test"));
        URI rd = URI.create(env("_TEST_QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:56379/1"));
        try {
            postgres = new TcpProxy(pg.getHost(), pg.getPort());
            redis = new TcpProxy(rd.getHost(), rd.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String pgAt = "127.0.0.1:" + postgres.port();
        String redisAuthority = (rd.getUserInfo() != null ? rd.getUserInfo() + "@" : "") + "127.0.0.1:" + redis.port();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + pgAt + pg.getPath(),
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pgAt + pg.getPath(),
                "quarkus.redis.hosts", "redis://" + redisAuthority + rd.getPath());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop() {
        try {
            postgres.close();
            redis.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
