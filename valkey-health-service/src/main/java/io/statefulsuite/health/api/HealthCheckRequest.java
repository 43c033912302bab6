package io.statefulsuite.health.api;

import java.util.List;

/**
 * An explicit check of Valkey nodes given by address (for Valkey outside Kubernetes). {@code password} or
 * {@code passwordSecretRef}, not both. {@code expected} enables the comparisons against a spec.
 */
public record HealthCheckRequest(List<Endpoint> endpoints, String password, SecretRef passwordSecretRef,
                                 Expected expected, Integer timeoutMs, Boolean probe, Boolean persistenceProbe) {

    /** {@code role}: primary|replica, the role the node was deployed for (spots drifted primaries). */
    public record Endpoint(String host, Integer port, String zone, String role, String name) {
    }

    public record SecretRef(String namespace, String name, String key) {
    }

    public record Expected(Integer shards, Integer replicasPerShard, List<String> zones, String region, Boolean aof,
                           String appendfsync, List<String> rdbSave) {
    }

    @Override
    public String toString() {
        return "HealthCheckRequest[" + (endpoints == null ? 0 : endpoints.size()) + " endpoints]";
    }
}
