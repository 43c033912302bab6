package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.auth.testing.ApiGateContract;
import io.statefulsuite.auth.testing.AuthEnabledProfile;
import io.statefulsuite.auth.testing.KubernetesAuthFake.Grant;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.secretssync.api.SecretSyncResource;
import io.statefulsuite.secretssync.api.VaultSecretResource;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.inject.Inject;

import static org.assertj.core.api.Assertions.assertThat;

/** secrets-sync's routes behind the gate: SecretSyncs are written only by callers RBAC lets update them. */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class ApiGateTest extends ApiGateContract {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

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
        return new Call("PUT", "/api/v1/namespaces/" + namespace + "/secret-syncs/" + name,
                Specs.body(vault.vaultUrl(), name + "-target", """
                        "data": [{"secretKey": "password", "remoteRef": {"name": "gated-password"}}]"""));
    }

    @Override
    protected Grant writeRight(String user, String namespace) {
        return new Grant(user, "update", "stateful.suite.io", "secretsyncs", namespace);
    }

    @Override
    protected void assertServed(ValidatableResponse response, String namespace, String name) {
        response.statusCode(201);
        assertThat(client.resources(SecretSync.class).inNamespace(namespace).withName(name).get()).isNotNull();
    }

    @Override
    protected void assertNothingWritten(String namespace, String name) {
        assertThat(client.resources(SecretSync.class).inNamespace(namespace).withName(name).get()).isNull();
        assertThat(client.secrets().inNamespace(namespace).withName(name + "-target").get()).isNull();
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {SecretSyncResource.class, VaultSecretResource.class};
    }
}
