package io.statefulsuite.provisioner.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The REST API without the reconciler: what the mock API server holds is then exactly what the API wrote, so a test
 * can demand that a refused request changed nothing at all.
 */
public class ApiOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("provisioner.reconcile.enabled", "false",
                // thousands of requests: the mock API server's line per request would drown the log
                "quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
    }
}
