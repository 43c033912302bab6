package io.statefulsuite.local;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;
import io.statefulsuite.local.controller.Pods;
import io.statefulsuite.testkit.valkey.RespClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkloadRunnerTest {

    private static final String NS = "cache";
    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", "valkey",
            "app.kubernetes.io/instance", "demo");

    @TempDir
    Path work;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private WorkloadRunner runner;

    @BeforeEach
    void startApiServerAndRunner() {
        server = ApplyAwareMockServer.create();
        server.init();
        client = server.createClient();
        runner = new WorkloadRunner(client, WorkloadRunner.Settings.defaults(work)).start(Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        runner.close();
        client.close();
        server.destroy();
    }

    @Test
    void podsRunAsRealServersInTheirZonesWithBoundClaimsAndThePassword() {
        createConfigAndSecret();
        client.apps().statefulSets().inNamespace(NS).resource(statefulSet(2, List.of("1", "2"))).create();

        List<Pod> pods = awaitReadyPods(2);

        assertThat(pods).extracting(pod -> zoneOf(pod)).containsExactlyInAnyOrder("1", "2");
        for (Pod pod : pods) {
            try (RespClient valkey = new RespClient(pod.getStatus().getPodIP(), 6379, "pw-for-tests")) {
                assertThat(valkey.text("CONFIG", "GET", "appendonly")).contains("yes");
            }
        }
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems())
                .extracting(claim -> claim.getMetadata().getName() + "=" + claim.getStatus().getPhase())
                .containsExactlyInAnyOrder("data-demo-0=Bound", "data-demo-1=Bound");
    }

    @Test
    void aCrashedProcessRestartsInPlaceWithItsDataAndScaleInRemovesThePod() {
        createConfigAndSecret();
        client.apps().statefulSets().inNamespace(NS).resource(statefulSet(2, List.of("1", "2", "3"))).create();
        Pod first = awaitReadyPods(2).stream().filter(pod -> pod.getMetadata().getName().equals("demo-0"))
                .findFirst().orElseThrow();
        String ip = first.getStatus().getPodIP();
        try (RespClient valkey = new RespClient(ip, 6379, "pw-for-tests")) {
            valkey.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
            await().atMost(Duration.ofSeconds(10)).until(() -> valkey.text("CLUSTER", "INFO").contains("cluster_state:ok"));
            valkey.command("SET", "k", "v");
        }

        runner.kubelet().crash(NS, "demo-0", Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> restarts("demo-0") == 1 && Pods.isReady(pod("demo-0")));
        assertThat(pod("demo-0").getStatus().getPodIP()).isEqualTo(ip);
        try (RespClient valkey = new RespClient(ip, 6379, "pw-for-tests")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> valkey.text("CLUSTER", "INFO").contains("cluster_state:ok"));
            assertThat(valkey.command("GET", "k")).as("AOF replayed after the crash").isEqualTo("v");
        }

        client.apps().statefulSets().inNamespace(NS).withName("demo").edit(sts -> {
            sts.getSpec().setReplicas(1);
            return sts;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> pod("demo-1") == null
                && runner.kubelet().processOf(NS, "demo-1").isEmpty());
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-demo-1").get())
                .as("whenScaled defaults to Retain").isNotNull();
    }

    private List<Pod> awaitReadyPods(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NS).list().getItems().stream()
                .filter(Pods::isReady).count() == count);
        return client.pods().inNamespace(NS).list().getItems();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private int restarts(String name) {
        Pod pod = pod(name);
        return pod == null || pod.getStatus() == null ? -1 : pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    private String zoneOf(Pod pod) {
        return client.nodes().withName(pod.getSpec().getNodeName()).get().getMetadata().getLabels()
                .get("topology.kubernetes.io/zone");
    }

    private void createConfigAndSecret() {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("demo-config")
                .endMetadata().addToData("valkey.conf", String.join("\n", "port 6379", "dir /data", "appendonly yes",
                        "appendfsync everysec", "cluster-enabled yes", "cluster-config-file /data/nodes.conf",
                        "cluster-node-timeout 15000", "include /run/valkey/auth.conf")).build()).create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("demo-auth").endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString("pw-for-tests".getBytes(StandardCharsets.UTF_8)))
                .build()).create();
    }

    private static StatefulSet statefulSet(int replicas, List<String> zones) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName("demo").withNamespace(NS).withLabels(LABELS).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName("demo").withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(LABELS).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec()
                .withNodeSelector(Map.of("agentpool", "valkey"))
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("topology.kubernetes.io/zone")
                .withOperator("In").withValues(zones).endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("DoNotSchedule").withNewLabelSelector().withMatchLabels(LABELS).endLabelSelector()
                .endTopologySpreadConstraint()
                .addNewContainer().withName("valkey").withImage("valkey/valkey:8.1").endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("demo-config").endConfigMap().endVolume()
                .addNewVolume().withName("auth").withNewSecret().withSecretName("demo-auth").endSecret().endVolume()
                .endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build();
    }
}
