package io.statefulsuite.health.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Without leader election (its Lease renewals are writes), what the mock API server holds changes only when the API
 * writes, so a test can demand that a refused request changed nothing at all.
 */
public class ApiOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("stateful-suite.leader-election.enabled", "false",
                "quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
    }
}
