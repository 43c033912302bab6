package io.statefulsuite.health.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.auth.testing.ApiGateContract;
import io.statefulsuite.auth.testing.AuthEnabledProfile;
import io.statefulsuite.auth.testing.KubernetesAuthFake.Grant;
import jakarta.inject.Inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The health service's routes behind the gate. The probed cluster does not exist: a caller with the right learns
 * that (404), one without gets the same 403 as for a cluster that exists.
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
@WithKubernetesTestServer(crud = true)
class ApiGateTest extends ApiGateContract {

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @Override
    protected KubernetesMockServer kubernetes() {
        return server.getKubernetesMockServer();
    }

    @Override
    protected Call write(String namespace, String name) {
        return new Call("POST", "/api/v1/namespaces/" + namespace + "/valkey-clusters/" + name + "/health/probe", null);
    }

    @Override
    protected Grant writeRight(String user, String namespace) {
        return new Grant(user, "create", "stateful.suite.io", "valkeyclusters/health", namespace);
    }

    @Override
    protected void assertServed(ValidatableResponse response, String namespace, String name) {
        response.statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    /** A probe reports what it finds as Events on the cluster. */
    @Override
    protected void assertNothingWritten(String namespace, String name) {
        assertThat(client.v1().events().inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {ClusterHealthResource.class, HealthCheckResource.class};
    }
}
