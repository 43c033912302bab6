package io.statefulsuite.auth.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The services' tests run with the gate off; this profile switches it on. The Kubernetes client retries a failed
 * request once, quickly, so an unavailable review API is answered within a test's patience.
 */
public class AuthEnabledProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stateful-suite.auth.enabled", "true",
                "stateful-suite.auth.cache-ttl", "10m",
                "quarkus.kubernetes-client.request-retry-backoff-limit", "1",
                "quarkus.kubernetes-client.request-retry-backoff-interval", "20ms");
    }
}
