package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.secretssync.manifests.TargetSecrets;
import io.statefulsuite.secretssync.k8s.TargetSecretWriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A change of type needs delete + create; a create that fails then must not leave the target deleted. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class TargetSecretWriterTest {

    private static final String NS = "writer";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    TargetSecretWriter writer;

    @Test
    void aTypeChangeReplacesTheSecret() {
        existing("replaced");

        writer.apply(NS, "replaced", current -> new TargetSecrets.Recreate(basicAuth("replaced")));

        Secret now = client.secrets().inNamespace(NS).withName("replaced").get();
        assertThat(now.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(now.getData()).containsOnlyKeys("username", "password");
    }

    @Test
    void aFailedCreateDuringARecreatePutsThePreviousSecretBack() {
        Secret previous = existing("kept");
        // 422 as the API server answers an invalid object; a 5xx would be retried by the client itself
        server.expect().post().withPath("/api/v1/namespaces/" + NS + "/secrets")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage("Secret \"kept\" is invalid").build()).once();

        assertThatThrownBy(() -> writer.apply(NS, "kept", current -> new TargetSecrets.Recreate(basicAuth("kept"))))
                .isInstanceOf(KubernetesClientException.class);

        Secret now = client.secrets().inNamespace(NS).withName("kept").get();
        assertThat(now).as("the target after a failed recreate").isNotNull();
        assertThat(now.getType()).isEqualTo("Opaque");
        assertThat(now.getData()).isEqualTo(previous.getData());
        assertThat(now.getMetadata().getLabels()).isEqualTo(previous.getMetadata().getLabels());
    }

    private Secret existing(String name) {
        return client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).withLabels(Map.of(TargetSecrets.MANAGED_BY_LABEL, TargetSecrets.MANAGED_BY))
                .endMetadata().withType("Opaque").addToData("token", Specs.b64("t")).build()).create();
    }

    private static Secret basicAuth(String name) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of(TargetSecrets.MANAGED_BY_LABEL, TargetSecrets.MANAGED_BY)).endMetadata()
                .withType("kubernetes.io/basic-auth")
                .addToData("username", Specs.b64("u")).addToData("password", Specs.b64("p")).build();
    }
}
