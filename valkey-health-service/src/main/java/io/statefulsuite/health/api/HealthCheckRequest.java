package io.statefulsuite.health.api;

import java.util.List;

/**
 * An explicit check of Valkey nodes given by address (for Valkey outside Kubernetes). The caller brings the
 * {@code password} itself: the service never sends a Secret it can read to an address a caller chose (that would
 * hand the Secret to whoever listens there). {@code expected} enables the comparisons against a spec; {@code tls}
 * makes the check talk TLS to every endpoint.
 */
public record HealthCheckRequest(List<Endpoint> endpoints, String password, Tls tls,
                                 Expected expected, Integer timeoutMs, Boolean probe, Boolean persistenceProbe) {

    /** {@code caCertificate}: PEM of the only CA trusted for the endpoints' certificates (public, not a secret). */
    public record Tls(String caCertificate) {
    }

    /** {@code role}: primary|replica, the role the node was deployed for (spots drifted primaries). */
    public record Endpoint(String host, Integer port, String zone, String role, String name) {
    }

    public record Expected(Integer shards, Integer replicasPerShard, List<String> zones, String region, Boolean aof,
                           String appendfsync, List<String> rdbSave) {
    }

    @Override
    public String toString() {
        return "HealthCheckRequest[" + (endpoints == null ? 0 : endpoints.size()) + " endpoints]";
    }
}
