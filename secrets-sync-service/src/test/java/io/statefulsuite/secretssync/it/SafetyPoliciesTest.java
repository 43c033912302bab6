package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.kit.leader.LeaderElection;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Foreign Secrets, Merge, removal from the vault and deletion of a SecretSync follow the policies. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SafetyPoliciesTest {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    LeaderElection leader;

    @Test
    void foreignSecretIsNeverOverwrittenWithoutMerge() {
        vault.seed("safe-foreign", "ours");
        foreignSecret("foreign");
        Specs.put("safety", "foreign", Specs.body(vault.vaultUrl(), "foreign", """
                "data": [{"secretKey": "key", "remoteRef": {"name": "safe-foreign"}}]""")).statusCode(201);

        Specs.syncNow("safety", "foreign").statusCode(200).body("outcome", equalTo("failed"))
                .body("reason", equalTo("SyncFailed"));

        assertThat(Specs.data(client, "safety", "foreign")).isEqualTo(Map.of("theirs", "keep me"));
    }

    @Test
    void mergeWritesOnlyOurKeysAndRemovesOnlyThemOnDeletion() {
        vault.seed("safe-merge", "merged");
        foreignSecret("shared");
        Specs.put("safety", "merge", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "ours", "remoteRef": {"name": "safe-merge"}}],
                "target": {"name": "shared", "creationPolicy": "Merge", "deletionPolicy": "Delete"}""")).statusCode(201);
        Specs.syncNow("safety", "merge").statusCode(200);
        assertThat(Specs.data(client, "safety", "shared")).isEqualTo(Map.of("theirs", "keep me", "ours", "merged"));

        given().delete("/api/v1/namespaces/safety/secret-syncs/merge").then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Specs.data(client, "safety", "shared")).isEqualTo(Map.of("theirs", "keep me")));
    }

    @Test
    void secretRemovedFromVaultIsRetainedOrDeletedByPolicy() {
        vault.seed("safe-retained", "r");
        vault.seed("safe-deleted", "d");
        Specs.put("safety", "retain", Specs.body(vault.vaultUrl(), "retain", """
                "data": [{"secretKey": "k", "remoteRef": {"name": "safe-retained"}}]""")).statusCode(201);
        Specs.put("safety", "delete", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "k", "remoteRef": {"name": "safe-deleted"}}],
                "target": {"name": "delete", "deletionPolicy": "Delete"}""")).statusCode(201);
        Specs.syncNow("safety", "retain").statusCode(200);
        Specs.syncNow("safety", "delete").statusCode(200);
        vault.store().delete("safe-retained");
        vault.store().delete("safe-deleted");

        Specs.syncNow("safety", "retain").statusCode(200).body("reason", equalTo("SecretMissing"));
        Specs.syncNow("safety", "delete").statusCode(200).body("reason", equalTo("SecretMissing"));

        assertThat(Specs.data(client, "safety", "retain")).isEqualTo(Map.of("k", "r"));
        assertThat(Specs.data(client, "safety", "delete")).isNull();
    }

    @Test
    void deletingTheSyncDeletesOwnedTargetsAndKeepsOrphans() {
        vault.seed("safe-owned", "o");
        Specs.put("safety", "owned", Specs.body(vault.vaultUrl(), "owned", """
                "data": [{"secretKey": "k", "remoteRef": {"name": "safe-owned"}}]""")).statusCode(201);
        Specs.put("safety", "orphan", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "k", "remoteRef": {"name": "safe-owned"}}],
                "target": {"name": "orphan", "creationPolicy": "Orphan"}""")).statusCode(201);
        Specs.syncNow("safety", "owned").statusCode(200);
        Specs.syncNow("safety", "orphan").statusCode(200);

        client.resources(SecretSync.class).inNamespace("safety").withName("owned").delete();
        client.resources(SecretSync.class).inNamespace("safety").withName("orphan").delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> Specs.data(client, "safety", "owned") == null);
        assertThat(Specs.data(client, "safety", "orphan")).isEqualTo(Map.of("k", "o"));
    }

    @Test
    void onlyTheLeaderHoldsTheLease() {
        await().atMost(Duration.ofSeconds(30)).until(leader::isLeader);
        Lease lease = client.leases().inNamespace(leader.namespace().orElseThrow()).withName("secrets-sync-leader").get();

        assertThat(lease).isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.identity());
    }

    private void foreignSecret(String name) {
        client.secrets().inNamespace("safety").resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace("safety").endMetadata().addToData("theirs", Specs.b64("keep me")).build()).create();
    }
}
