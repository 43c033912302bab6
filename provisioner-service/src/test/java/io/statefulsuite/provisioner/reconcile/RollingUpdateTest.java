package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.statefulsuite.local.WorkloadRunner;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import io.statefulsuite.provisioner.manifests.StatefulSetManifest;
import io.statefulsuite.provisioner.k8s.ClusterObserver.Observation;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.provisioner.testing.LocalStackCluster;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * A rolling update end to end: the local stack's StatefulSet controller and kubelet run the rendered StatefulSets
 * as real Valkey processes, the provisioner forms the cluster, and an image change must then replace every pod,
 * one at a time, handing each primary's slots over before its pod goes, with the data intact.
 */
@QuarkusTest
@WithTestResource(value = ApplyAwareKubernetesServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RollingUpdateTest {

    private static final String NS = "rollout";
    private static final int PODS = 6;
    private static final int KEYS = 200;

    @Inject
    KubernetesClient client;

    @TempDir
    Path workDir;

    private LocalStackCluster cluster;
    private WorkloadRunner stack;
    private Watch watch;
    private final AtomicInteger mostUnavailable = new AtomicInteger();
    private final List<String> deletedWhileServingSlots = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startLocalStack() {
        cluster = new LocalStackCluster(client, NS, "cache", "rolling-pw");
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.passwordSecret(client, NS, "cache", cluster.password());
        stack = new WorkloadRunner(client, WorkloadRunner.Settings.defaults(workDir)).start(Duration.ofMillis(200));
    }

    @AfterEach
    void stopLocalStack() {
        if (watch != null) {
            watch.close();
        }
        stack.close();
    }

    @Test
    void anImageChangeReplacesEveryPodOneAtATimeWithoutDeletingAPrimaryAndKeepsTheData() {
        put("{\"image\":\"valkey/valkey:8.1\"}");
        await().atMost(Duration.ofSeconds(180)).until(() -> cluster.phase() == ClusterPhase.Ready);
        IntStream.range(0, KEYS).forEach(i -> cluster.command("SET", "key-" + i, "value-" + i));
        Set<String> originalUids = cluster.pods().stream().map(pod -> pod.getMetadata().getUid())
                .collect(Collectors.toSet());
        assertThat(originalUids).hasSize(PODS);
        watch = client.pods().inNamespace(NS).watch(new DisruptionRecorder());

        put("{\"image\":\"valkey/valkey:8.1.1\"}");

        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.condition("RollingUpdate")
                .filter(c -> "True".equals(c.getStatus())).isPresent());
        await().atMost(Duration.ofSeconds(400)).until(() -> rolledOut(originalUids));
        assertThat(deleted).as("every original pod was deleted once").hasSize(PODS);
        assertThat(deletedWhileServingSlots).as("pods deleted while they served slots").isEmpty();
        assertThat(mostUnavailable.get()).as("pods missing or not ready at the same time").isEqualTo(1);
        assertThat(deleted.subList(0, 3)).as("replicas first").allMatch(name -> name.startsWith("cache-replica-"));
        IntStream.range(0, KEYS).forEach(i -> assertThat(cluster.command("GET", "key-" + i)).isEqualTo("value-" + i));
        for (Pod pod : cluster.pods()) {
            String ip = pod.getStatus().getPodIP();
            assertThat(cluster.ask(ip, "CLUSTER", "INFO")).hasValueSatisfying(info ->
                    assertThat(info).contains("cluster_state:ok"));
            assertThat(cluster.ask(ip, "INFO", "replication")).as(pod.getMetadata().getName() + " in its intended role")
                    .hasValueSatisfying(info -> assertThat(info).contains(
                            pod.getMetadata().getName().startsWith("cache-primary-") ? "role:master" : "role:slave"));
        }
        ValkeyClusterStatus status = cluster.resource().getStatus();
        assertThat(status.getRollout().getUpdated()).isEqualTo(PODS);
        assertThat(status.getRollout().getTotal()).isEqualTo(PODS);
        assertThat(status.getRollout().getRevision()).isEqualTo(templateRevision());
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("valkey_provisioner_rollout_pods_replaced_total{cluster=\"cache\",namespace=\"rollout\"} 6.0");
    }

    private boolean rolledOut(Set<String> originalUids) {
        List<Pod> pods = cluster.pods();
        String revision = templateRevision();
        return pods.size() == PODS && cluster.phase() == ClusterPhase.Ready
                && cluster.condition("RollingUpdate").filter(c -> "False".equals(c.getStatus())).isPresent()
                && pods.stream().allMatch(pod -> Observation.isReady(pod)
                && !originalUids.contains(pod.getMetadata().getUid())
                && revision.equals(StatefulSetManifest.revisionOf(pod.getMetadata())));
    }

    /** Counts unavailable pods on every pod event and checks, for each deleted pod, that it served no slots. */
    private final class DisruptionRecorder implements Watcher<Pod> {
        @Override
        public void eventReceived(Action action, Pod pod) {
            if (action == Action.DELETED) {
                deleted.add(pod.getMetadata().getName());
                if (servesSlotsInOthersView(pod)) {
                    deletedWhileServingSlots.add(pod.getMetadata().getName());
                }
            }
            long available = cluster.pods().stream().filter(Observation::isReady)
                    .filter(Observation::isRunningWithIp).count();
            mostUnavailable.accumulateAndGet((int) (PODS - available), Math::max);
        }

        @Override
        public void onClose(WatcherException cause) {
            // closed by the test
        }
    }

    /** What the majority of the other nodes think of the deleted pod: a master with slots is a deleted primary. */
    private boolean servesSlotsInOthersView(Pod deletedPod) {
        String address = " " + deletedPod.getStatus().getPodIP() + ":6379@";
        List<Boolean> views = cluster.pods().stream()
                .filter(pod -> !pod.getMetadata().getName().equals(deletedPod.getMetadata().getName()))
                .filter(Observation::isRunningWithIp)
                .map(pod -> cluster.ask(pod.getStatus().getPodIP(), "CLUSTER", "NODES"))
                .flatMap(Optional::stream)
                // id ip flags master ping pong epoch link [slots...]: more than 8 fields means slots
                .map(nodes -> nodes.lines().filter(line -> line.contains(address))
                        .anyMatch(line -> line.contains("master") && line.split(" ").length > 8))
                .toList();
        return views.stream().filter(Boolean::booleanValue).count() * 2 > views.size();
    }

    private void put(String spec) {
        given().contentType(ContentType.JSON).body(spec)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", NS)
                .then().statusCode(anyOf(is(200), is(201)));
    }

    private String templateRevision() {
        StatefulSet primary = client.apps().statefulSets().inNamespace(NS).withName("cache-primary").get();
        return StatefulSetManifest.revisionOf(primary.getSpec().getTemplate().getMetadata());
    }
}
