package org.minzheng.worker;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The pace of sends towards WeChat, shared by every worker replica: a counter per second in Redis. A
 * sender over the limit waits for the next second.
 */
@ApplicationScoped
public class SendRate {

    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], 2000) end
            return n""";

    private final RedisDataSource redis;
    private final WorkerConfig config;
    private final Clock clock;

    public SendRate(RedisDataSource redis, WorkerConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** Blocks until this replica may send one message. */
    public void acquire() throws InterruptedException {
        while (true) {
            long now = clock.millis();
            long second = now / 1000;
            long count = redis.execute("EVAL", COUNT, "1", "notify:rate:" + second).toLong();
            if (count <= config.sendsPerSecond()) {
                return;
            }
            Thread.sleep(Math.max(1, (second + 1) * 1000 - now));
        }
    }
}
