package io.statefulsuite.secretssync.it;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The REST API without the scheduler and its informer: what the mock API server and the vault hold is then exactly
 * what the API wrote, so a test can demand that a refused request changed nothing at all.
 */
public class ApiOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("secrets-sync.refresh.enabled", "false");
    }
}
