package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.auth.testing.ApiGateContract;
import io.statefulsuite.auth.testing.AuthEnabledProfile;
import io.statefulsuite.auth.testing.KubernetesAuthFake.Grant;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioner's routes behind the gate: ValkeyClusters are written only by callers RBAC lets update them. */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
@WithTestResource(ApplyAwareKubernetesServer.class)
class ApiGateTest extends ApiGateContract {

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    ApplyAwareMockServer server;

    @BeforeEach
    void crd() {
        ClusterFixtures.registerCrd(client);
    }

    @Override
    protected KubernetesMockServer kubernetes() {
        return server;
    }

    @Override
    protected Call write(String namespace, String name) {
        return new Call("PUT", "/api/v1/namespaces/" + namespace + "/valkey-clusters/" + name, "{}");
    }

    @Override
    protected Grant writeRight(String user, String namespace) {
        return new Grant(user, "update", "stateful.suite.io", "valkeyclusters", namespace);
    }

    @Override
    protected void assertServed(ValidatableResponse response, String namespace, String name) {
        response.statusCode(201);
        assertThat(cluster(namespace, name)).isNotNull();
    }

    @Override
    protected void assertNothingWritten(String namespace, String name) {
        assertThat(cluster(namespace, name)).isNull();
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {ValkeyClusterResource.class, StorageResource.class};
    }

    private ValkeyCluster cluster(String namespace, String name) {
        return client.resources(ValkeyCluster.class).inNamespace(namespace).withName(name).get();
    }
}
