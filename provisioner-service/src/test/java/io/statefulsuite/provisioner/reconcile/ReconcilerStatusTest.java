package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.http.ContentType;
import io.statefulsuite.provisioner.crd.ClusterCondition;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import io.statefulsuite.provisioner.crd.ValkeyPodStatus;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The reconciler against the mock API server: status, conditions, faults. Pods are created as a kubelet would. */
@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class ReconcilerStatusTest {

    private static final Duration RECONCILED = Duration.ofSeconds(40);
    private static final String PASSWORD = "do-not-leak-7f3a";

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    ApplyAwareMockServer server;

    @BeforeEach
    void crd() {
        ClusterFixtures.registerCrd(client);
    }

    @Test
    void aMissingPasswordSecretKeepsTheClusterPendingAndSaysWhichSecret() {
        String ns = "no-secret";
        create(ns, "{\"auth\":{\"secretName\":\"vault-pw\",\"passwordKey\":\"pw\"}}");

        ClusterCondition provisioned = await().atMost(RECONCILED)
                .until(() -> condition(ns, "Provisioned"), Optional::isPresent).orElseThrow();

        assertThat(status(ns).getPhase()).isEqualTo(ClusterPhase.Pending);
        assertThat(provisioned.getStatus()).isEqualTo("False");
        assertThat(provisioned.getReason()).isEqualTo("AuthSecretMissing");
        assertThat(provisioned.getMessage()).contains(ns + "/vault-pw", "'pw'");
        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void runningPodsAreReportedWithZonesNodesAndVolumesAndFormationFailuresBecomeAConditon() {
        String ns = "pods-up";
        ClusterFixtures.zonedNodes(client, List.of("1", "2", "3"));
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        create(ns, "{}");
        await().atMost(RECONCILED).until(() -> client.apps().statefulSets().inNamespace(ns).list().getItems().size() == 2);

        // Loopback addresses nobody listens on: formation fails fast, as with pods whose Valkey is not up yet.
        for (int i = 0; i < 3; i++) {
            ClusterFixtures.runningPod(client, ns, "cache", Component.PRIMARY, i, String.valueOf(i + 1),
                    "127.0.0." + (201 + i), false);
            ClusterFixtures.runningPod(client, ns, "cache", Component.REPLICA, i, String.valueOf((i + 1) % 3 + 1),
                    "127.0.0." + (211 + i), false);
            ClusterFixtures.boundClaim(client, ns, "cache", Component.PRIMARY, i, "20Gi");
        }
        // Pods that copy the labels but are not the StatefulSets' own: never counted, joined or given the password.
        strayPod(ns, "cache-primary-7", null);
        strayPod(ns, "cache-replica-7", new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                .withName("cache-replica").withUid("forged-uid").withController(true).build());

        await().atMost(RECONCILED).until(() -> condition(ns, "Formed").isPresent());
        ValkeyClusterStatus status = status(ns);
        assertThat(status.getPhase()).isEqualTo(ClusterPhase.Bootstrapping);
        assertThat(condition(ns, "PodsRunning")).get().extracting(ClusterCondition::getStatus).isEqualTo("True");
        assertThat(condition(ns, "Formed")).get().satisfies(formed -> {
            assertThat(formed.getStatus()).isEqualTo("False");
            assertThat(formed.getMessage()).doesNotContain(PASSWORD);
        });
        assertThat(status.getObservedGeneration()).isEqualTo(cluster(ns).getMetadata().getGeneration());
        assertThat(status.getPods()).hasSize(6).extracting(ValkeyPodStatus::getName)
                .doesNotContain("cache-primary-7", "cache-replica-7");
        ValkeyPodStatus primary0 = status.getPods().stream()
                .filter(p -> p.getName().equals("cache-primary-0")).findFirst().orElseThrow();
        assertThat(primary0.getRole()).isEqualTo("primary");
        assertThat(primary0.getZone()).isEqualTo("1");
        assertThat(primary0.getNode()).isEqualTo("node-1");
        assertThat(primary0.getIp()).isEqualTo("127.0.0.201");
        assertThat(status.getVolumes()).hasSize(3).allSatisfy(volume -> {
            assertThat(volume.getPhase()).isEqualTo("Bound");
            assertThat(volume.getCapacity()).isEqualTo("20Gi");
            assertThat(volume.getPod()).startsWith("cache-primary-");
            assertThat(volume.getZone()).isNotNull();
        });
        given().get("/api/v1/namespaces/{ns}/persistent-volume-claims?cluster=cache", ns).then().statusCode(200)
                .body("items.pod", hasItems("cache-primary-0", "cache-primary-1", "cache-primary-2"))
                .body("items.find { it.pod == 'cache-primary-1' }.zone", equalTo("2"));
        assertThat(cluster(ns).toString()).doesNotContain(PASSWORD);
    }

    private void strayPod(String ns, String name, OwnerReference owner) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(ClusterLabels.of("cache", Component.PRIMARY)).endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.231")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
        if (owner != null) {
            pod.getMetadata().setOwnerReferences(List.of(owner));
        }
        client.pods().inNamespace(ns).resource(pod).create();
    }

    // --- what only the cluster can tell: said within one pass, in Kubernetes's own words ---

    private static final String NO_NODE = "0/3 nodes are available: 3 node(s) didn't match Pod's node "
            + "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";

    @Test
    void podsNoNodeTakesAreUnschedulableNamingThePodAndTheSchedulersMessage() {
        String ns = "no-node";
        provision(ns, "{}");
        for (int i = 0; i < 3; i++) {
            ClusterFixtures.unschedulablePod(client, ns, "cache", Component.PRIMARY, i, NO_NODE);
            ClusterFixtures.unschedulablePod(client, ns, "cache", Component.REPLICA, i, NO_NODE);
        }

        // The pods appear one by one, so an earlier pass may rightly count fewer of them.
        ClusterCondition podsRunning = await().atMost(RECONCILED).until(() -> condition(ns, "PodsRunning"),
                c -> c.isPresent() && String.valueOf(c.get().getMessage()).contains("(6 pods unschedulable)"))
                .orElseThrow();

        assertThat(podsRunning.getStatus()).isEqualTo("False");
        assertThat(podsRunning.getReason()).isEqualTo("Unschedulable");
        assertThat(podsRunning.getMessage()).isEqualTo("pod cache-primary-0 cannot be scheduled: " + NO_NODE
                + " (6 pods unschedulable); 0 of 6 pods running with an IP");
        assertThat(status(ns).getPhase()).isEqualTo(ClusterPhase.Provisioning);
    }

    @Test
    void aPendingClaimOfAMissingStorageClassIsVolumeUnboundNamingClaimClassAndPod() {
        String ns = "no-class";
        String unbound = "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: "
                + "0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
        provision(ns, "{\"storage\":{\"storageClassName\":\"no-such-class\"}}");
        ClusterFixtures.unschedulablePod(client, ns, "cache", Component.PRIMARY, 0, unbound);
        ClusterFixtures.pendingClaim(client, ns, "cache", Component.PRIMARY, 0, "no-such-class");

        ClusterCondition podsRunning = awaitPodsRunningReason(ns, "VolumeUnbound");

        assertThat(podsRunning.getMessage()).isEqualTo("claim data-cache-primary-0 of pod cache-primary-0 is Pending: "
                + "StorageClass no-such-class does not exist; pod cache-primary-0: " + unbound
                + "; 0 of 6 pods running with an IP");
    }

    @Test
    void aClaimThatWaitsForItsPodLeavesTheSchedulersReasonInCharge() {
        String ns = "waiting-claim";
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("waits-for-pod").endMetadata().withProvisioner("disk.csi.azure.com")
                .withVolumeBindingMode("WaitForFirstConsumer").build()).createOr(existing -> existing.update());
        provision(ns, "{\"storage\":{\"storageClassName\":\"waits-for-pod\"}}");
        ClusterFixtures.unschedulablePod(client, ns, "cache", Component.PRIMARY, 0, NO_NODE);
        ClusterFixtures.pendingClaim(client, ns, "cache", Component.PRIMARY, 0, "waits-for-pod");

        assertThat(awaitPodsRunningReason(ns, "Unschedulable").getMessage())
                .startsWith("pod cache-primary-0 cannot be scheduled: " + NO_NODE);
    }

    @Test
    void podsTheControllerCannotCreateForAQuotaAreQuotaExceededWithItsEvent() {
        String ns = "quota";
        String refused = "create Pod cache-primary-1 in StatefulSet cache-primary failed error: pods "
                + "\"cache-primary-1\" is forbidden: exceeded quota: compute, requested: limits.memory=4Gi, "
                + "used: limits.memory=8Gi, limited: limits.memory=10Gi";
        provision(ns, "{}");
        client.v1().events().inNamespace(ns).resource(new EventBuilder()
                .withNewMetadata().withName("cache-primary.18a1b2c3d4e5f607").withNamespace(ns).endMetadata()
                .withNewInvolvedObject().withApiVersion("apps/v1").withKind("StatefulSet").withName("cache-primary")
                .withNamespace(ns).endInvolvedObject()
                .withType("Warning").withReason("FailedCreate").withMessage(refused).withCount(7)
                .withLastTimestamp(Instant.now().toString())
                .build()).create();

        assertThat(awaitPodsRunningReason(ns, "QuotaExceeded").getMessage())
                .isEqualTo(refused + "; 0 of 6 pods running with an IP");
    }

    /** A cluster whose StatefulSets have been applied (its pods can then name them as their controller). */
    private void provision(String ns, String spec) {
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        create(ns, spec);
        await().atMost(RECONCILED).until(() -> client.apps().statefulSets().inNamespace(ns).list().getItems().size() == 2);
    }

    private ClusterCondition awaitPodsRunningReason(String ns, String reason) {
        return await().atMost(RECONCILED).until(() -> condition(ns, "PodsRunning"),
                c -> c.isPresent() && reason.equals(c.get().getReason())).orElseThrow();
    }

    @Test
    void aBiggerVolumeGrowsTheClaimsAndRecreatesTheStatefulSetsKeepingThePods() {
        String ns = "grow";
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        create(ns, "{\"storage\":{\"size\":\"20Gi\"}}");
        await().atMost(RECONCILED).until(() -> client.apps().statefulSets().inNamespace(ns).list().getItems().size() == 2);
        String uid = client.apps().statefulSets().inNamespace(ns).withName("cache-primary").get().getMetadata().getUid();
        ClusterFixtures.zonedNodes(client, List.of("1"));
        ClusterFixtures.runningPod(client, ns, "cache", Component.PRIMARY, 0, "1", "127.0.0.221", false);
        ClusterFixtures.boundClaim(client, ns, "cache", Component.PRIMARY, 0, "20Gi");
        ClusterFixtures.boundClaim(client, ns, "cache", Component.REPLICA, 0, "20Gi");

        given().contentType(ContentType.JSON).body("{\"storage\":{\"size\":\"30Gi\"}}")
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(200);

        await().atMost(RECONCILED).until(() -> client.persistentVolumeClaims().inNamespace(ns).list().getItems()
                .stream().allMatch(c -> "30Gi".equals(c.getSpec().getResources().getRequests().get("storage").toString())));
        await().atMost(RECONCILED).untilAsserted(() -> {
            var primaries = client.apps().statefulSets().inNamespace(ns).withName("cache-primary").get();
            assertThat(primaries).isNotNull();
            assertThat(primaries.getMetadata().getUid()).isNotEqualTo(uid);
            assertThat(primaries.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
                    .get("storage").toString()).isEqualTo("30Gi");
        });
        assertThat(client.pods().inNamespace(ns).withName("cache-primary-0").get()).isNotNull();
    }

    @Test
    void conditionsKeepTheirTransitionTimeWhileNothingChanges() {
        String ns = "steady";
        create(ns, "{}");
        await().atMost(RECONCILED).until(() -> condition(ns, "Provisioned").isPresent());
        List<ClusterCondition> before = status(ns).getConditions();
        String resourceVersion = cluster(ns).getMetadata().getResourceVersion();

        awaitReconcilePasses(3);

        assertThat(status(ns).getConditions()).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
        assertThat(cluster(ns).getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    }

    @Test
    void apiServerFailuresAreRetriedAndReportedInStatus() {
        String ns = "api-faults";
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        server.expect().patch()
                .withPath("/api/v1/namespaces/" + ns + "/configmaps/cache-config?fieldManager=valkey-provisioner&force=true")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd leader changed\"}").always();
        create(ns, "{}");

        ClusterCondition reconciled = await().atMost(RECONCILED)
                .until(() -> condition(ns, "Reconciled"), Optional::isPresent).orElseThrow();
        assertThat(reconciled.getStatus()).isEqualTo("False");
        assertThat(reconciled.getReason()).isEqualTo("KubernetesApiError");
        assertThat(reconciled.getMessage()).contains("500");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("valkey_provisioner_reconcile_total{result=\"error\"}"));

        server.clearExpectations();

        await().atMost(RECONCILED).until(() -> condition(ns, "Reconciled")
                .map(c -> "True".equals(c.getStatus())).orElse(false));
        assertThat(client.configMaps().inNamespace(ns).withName("cache-config").get()).isNotNull();
        assertThat(status(ns).getPhase()).isEqualTo(ClusterPhase.Provisioning);
    }

    @Test
    void aStatusConflictIsRetriedWithTheLatestVersion() {
        String ns = "status-conflict";
        server.expect().put()
                .withPath("/apis/stateful.suite.io/v1alpha1/namespaces/" + ns + "/valkeyclusters/cache/status")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}").times(2);
        create(ns, "{}");

        await().atMost(RECONCILED).until(() -> condition(ns, "Provisioned").isPresent());
        assertThat(status(ns).getPhase()).isEqualTo(ClusterPhase.Pending);
    }

    @Test
    void metricsAndReadinessAreExported() {
        create("metrics", "{}");
        await().atMost(RECONCILED).until(() -> condition("metrics", "Provisioned").isPresent());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("valkey_provisioner_reconcile_total{result="))
                .body(containsString("valkey_provisioner_reconcile_seconds_count{result="))
                .body(containsString("valkey_provisioner_clusters{phase=\"Pending\"}"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("kubernetes-api"));
    }

    private void awaitReconcilePasses(int passes) {
        double start = reconciles();
        await().atMost(RECONCILED).until(() -> reconciles() >= start + passes);
    }

    private static double reconciles() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("valkey_provisioner_reconcile_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void create(String ns, String spec) {
        given().contentType(ContentType.JSON).body(spec)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);
    }

    private ValkeyCluster cluster(String ns) {
        return client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
    }

    private ValkeyClusterStatus status(String ns) {
        return cluster(ns).getStatus();
    }

    private Optional<ClusterCondition> condition(String ns, String type) {
        ValkeyClusterStatus status = status(ns);
        return status == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
