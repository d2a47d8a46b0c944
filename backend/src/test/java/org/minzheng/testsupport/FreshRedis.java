package org.minzheng.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Empties the test Redis before a packaged application starts on a freshly cleaned test database: slot
 * counters another run left behind would otherwise speak for slots that now have other ids.
 */
public class FreshRedis implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ServicesEnv.redis("FLUSHDB");
        return Map.of();
    }

    @Override
    public void stop() {
        // nothing to give back
    }
}
