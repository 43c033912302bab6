package io.statefulsuite.provisioner.api;

import io.statefulsuite.auth.AccessRule;
import io.statefulsuite.auth.AccessTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Who may call which route: the Kubernetes RBAC right each needs, checked per request with a SubjectAccessReview
 * (see the README's "Security"). PUT creates or updates, and needs {@code update}; {@code :render} validates and
 * renders without writing, and needs {@code create} like a server-side dry run of a create does in Kubernetes.
 */
public class ApiAccess {

    private static final String SUITE = "stateful.suite.io";
    private static final String STORAGE = "storage.k8s.io";
    private static final String CLUSTER = "/api/v1/namespaces/{namespace}/valkey-clusters/{name}";
    private static final String STORAGE_CLASS = "/api/v1/storage-classes/{name}";

    @Produces
    @Singleton
    AccessTable accessTable() {
        return AccessTable.builder()
                .route("PUT " + CLUSTER, AccessRule.of("update", SUITE, "valkeyclusters"))
                .route("GET " + CLUSTER, AccessRule.of("get", SUITE, "valkeyclusters"))
                .route("DELETE " + CLUSTER, AccessRule.of("delete", SUITE, "valkeyclusters"))
                .route("POST " + CLUSTER, AccessRule.of("create", SUITE, "valkeyclusters"))
                .route("GET /api/v1/namespaces/{namespace}/valkey-clusters", AccessRule.of("list", SUITE, "valkeyclusters"))
                .route("GET /api/v1/valkey-clusters", AccessRule.of("list", SUITE, "valkeyclusters"))
                .route("GET /api/v1/storage-classes", AccessRule.of("list", STORAGE, "storageclasses"))
                .route("GET " + STORAGE_CLASS, AccessRule.of("get", STORAGE, "storageclasses"))
                .route("PUT " + STORAGE_CLASS, AccessRule.of("update", STORAGE, "storageclasses"))
                .route("GET /api/v1/namespaces/{namespace}/persistent-volume-claims",
                        AccessRule.of("list", "", "persistentvolumeclaims"))
                .build();
    }
}
