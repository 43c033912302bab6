package io.statefulsuite.health.api;

import io.statefulsuite.auth.AccessRule;
import io.statefulsuite.auth.AccessTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Who may call which route: the Kubernetes RBAC right each needs, checked per request with a SubjectAccessReview
 * (see the README's "Security"). Reading a cluster's health needs {@code get} on the ValkeyCluster; a probe writes
 * test keys into it and needs {@code create} on the virtual {@code valkeyclusters/health} subresource. An explicit
 * check of caller-given addresses concerns no ValkeyCluster object: it needs {@code create} on the virtual
 * {@code healthchecks} of stateful.suite.io, cluster-wide.
 */
public class ApiAccess {

    private static final String SUITE = "stateful.suite.io";
    private static final String HEALTH = "/api/v1/namespaces/{namespace}/valkey-clusters/{name}/health";

    @Produces
    @Singleton
    AccessTable accessTable() {
        return AccessTable.builder()
                .route("GET " + HEALTH, AccessRule.of("get", SUITE, "valkeyclusters"))
                .route("GET " + HEALTH + "/history", AccessRule.of("get", SUITE, "valkeyclusters"))
                .route("POST " + HEALTH + "/probe", AccessRule.of("create", SUITE, "valkeyclusters").subresource("health"))
                .route("GET /api/v1/valkey-clusters/health", AccessRule.of("list", SUITE, "valkeyclusters"))
                .route("POST /api/v1/health-checks", AccessRule.of("create", SUITE, "healthchecks"))
                .build();
    }
}
