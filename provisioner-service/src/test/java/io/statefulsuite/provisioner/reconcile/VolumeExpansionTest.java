package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.statefulsuite.provisioner.crd.ClusterCondition;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A bigger volume on a StorageClass that does not allow expansion: said in status, nothing half-done. */
@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class VolumeExpansionTest {

    private static final Duration RECONCILED = Duration.ofSeconds(40);
    private static final String NS = "fixed-size";
    private static final String CLASS = "fixed-size-disks";

    @Inject
    KubernetesClient client;

    @Test
    void aClassWithoutExpansionHoldsTheSizeBackWithAConditionUntilItAllowsIt() {
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.passwordSecret(client, NS, "cache", "fixed-size-pw");
        storageClass(false);
        put("{\"storage\":{\"size\":\"20Gi\",\"storageClassName\":\"" + CLASS + "\"}}", 201);
        await().atMost(RECONCILED).until(() -> client.apps().statefulSets().inNamespace(NS).list().getItems().size() == 2);
        String uid = primaries().getMetadata().getUid();
        ClusterFixtures.boundClaim(client, NS, "cache", Component.PRIMARY, 0, "20Gi");
        ClusterFixtures.boundClaim(client, NS, "cache", Component.REPLICA, 0, "20Gi");

        put("{\"storage\":{\"size\":\"30Gi\",\"storageClassName\":\"" + CLASS + "\"},\"image\":\"valkey/valkey:8.1.1\"}", 200);

        await().atMost(RECONCILED).until(() -> condition("VolumeExpansion").isPresent());
        ClusterCondition expansion = condition("VolumeExpansion").orElseThrow();
        assertThat(expansion.getStatus()).isEqualTo("False");
        assertThat(expansion.getReason()).isEqualTo("ExpansionNotAllowed");
        assertThat(expansion.getMessage()).contains("StorageClass " + CLASS, "20Gi", "30Gi");
        assertThat(condition("Reconciled").orElseThrow().getStatus()).isEqualTo("True");
        assertThat(claims()).allMatch(claim -> size(claim).equals("20Gi"));
        StatefulSet primaries = primaries();
        assertThat(primaries.getMetadata().getUid()).as("not re-created").isEqualTo(uid);
        assertThat(primaries.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
                .get("storage").toString()).isEqualTo("20Gi");
        assertThat(primaries.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the rest of the change is applied").isEqualTo("valkey/valkey:8.1.1");

        storageClass(true);

        await().atMost(RECONCILED).until(() -> claims().stream().allMatch(claim -> size(claim).equals("30Gi"))
                && condition("VolumeExpansion").isEmpty());
    }

    private void storageClass(boolean allowExpansion) {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder()
                .withNewMetadata().withName(CLASS).endMetadata()
                .withProvisioner("disk.csi.azure.com").withAllowVolumeExpansion(allowExpansion)
                .build()).createOr(existing -> existing.update());
    }

    private StatefulSet primaries() {
        return client.apps().statefulSets().inNamespace(NS).withName("cache-primary").get();
    }

    private List<PersistentVolumeClaim> claims() {
        return client.persistentVolumeClaims().inNamespace(NS).list().getItems();
    }

    private static String size(PersistentVolumeClaim claim) {
        return claim.getSpec().getResources().getRequests().get("storage").toString();
    }

    private Optional<ClusterCondition> condition(String type) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(NS).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? Optional.empty()
                : cluster.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static void put(String spec, int status) {
        given().contentType(ContentType.JSON).body(spec)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", NS).then().statusCode(status);
    }
}
