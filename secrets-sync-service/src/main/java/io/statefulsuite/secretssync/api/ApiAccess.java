package io.statefulsuite.secretssync.api;

import io.statefulsuite.auth.AccessRule;
import io.statefulsuite.auth.AccessTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Who may call which route: the Kubernetes RBAC right each needs, checked per request with a SubjectAccessReview
 * (see the README's "Security"). PUT creates or updates a SecretSync and needs {@code update}; {@code :sync}
 * rewrites its target Secret and needs {@code update} too. Vault secrets are no Kubernetes resource: generating
 * one needs {@code create} on the virtual {@code vaultsecrets/generate} of stateful.suite.io, cluster-wide (a vault
 * belongs to no namespace), which a Role may narrow to secret names with {@code resourceNames}.
 */
public class ApiAccess {

    private static final String SUITE = "stateful.suite.io";
    private static final String SYNC = "/api/v1/namespaces/{namespace}/secret-syncs/{name}";

    @Produces
    @Singleton
    AccessTable accessTable() {
        return AccessTable.builder()
                .route("PUT " + SYNC, AccessRule.of("update", SUITE, "secretsyncs"))
                .route("GET " + SYNC, AccessRule.of("get", SUITE, "secretsyncs"))
                .route("DELETE " + SYNC, AccessRule.of("delete", SUITE, "secretsyncs"))
                .route("POST /api/v1/namespaces/{namespace}/secret-syncs/{nameAndAction}",
                        AccessRule.of("update", SUITE, "secretsyncs").nameFrom("nameAndAction"))
                .route("GET /api/v1/namespaces/{namespace}/secret-syncs", AccessRule.of("list", SUITE, "secretsyncs"))
                .route("GET /api/v1/secret-syncs", AccessRule.of("list", SUITE, "secretsyncs"))
                .route("PUT /api/v1/vault-secrets/{nameAndAction}",
                        AccessRule.of("create", SUITE, "vaultsecrets").subresource("generate").nameFrom("nameAndAction"))
                .build();
    }
}
