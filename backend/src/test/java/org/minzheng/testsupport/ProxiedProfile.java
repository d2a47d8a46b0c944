package org.minzheng.testsupport;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the application against PostgreSQL and Redis through {@link ProxiedServices}, so tests can cut them. */
public class ProxiedProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProxiedServices.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // fail fast on a dead connection rather than waiting for the default timeouts
        return Map.of("quarkus.datasource.reactive.idle-timeout", "PT1S",
                "quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
    }
}
