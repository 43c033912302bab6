package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop with real Valkey servers: each "pod" is a valkey-server (or redis-server) on its own loopback
 * address, announced to the mock API server as a running Pod with that IP. The reconciler must form the cluster
 * through ClusterFormation and report Ready.
 */
@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class ReconcilerWithRealValkeyTest {

    private static final String PASSWORD = "real-valkey-pw";
    private final List<ValkeyNode> nodes = new ArrayList<>();

    @Inject
    KubernetesClient client;

    @TempDir
    Path workDir;

    @AfterEach
    void stopServers() {
        nodes.forEach(ValkeyNode::kill);
    }

    @Test
    void theReconcilerFormsTheValkeyClusterAndReportsReady() {
        String ns = "real-valkey";
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.zonedNodes(client, List.of("1", "2", "3"));
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        for (int i = 0; i < 3; i++) {
            pod(ns, Component.PRIMARY, i, String.valueOf(i + 1));
            pod(ns, Component.REPLICA, i, String.valueOf((i + 1) % 3 + 1));
        }

        given().contentType(ContentType.JSON).body("{}")
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);

        await().atMost(Duration.ofSeconds(120)).until(() -> phase(ns) == ClusterPhase.Ready);
        assertThat(nodes).allSatisfy(node -> assertThat(String.valueOf(node.command("CLUSTER", "INFO")))
                .contains("cluster_state:ok"));
        assertThat(String.valueOf(nodes.get(0).command("CLUSTER", "INFO"))).contains("cluster_size:3");
        given().get("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(200)
                .body("phase", org.hamcrest.Matchers.equalTo("Ready"))
                .body("status.pods.size()", org.hamcrest.Matchers.equalTo(6));
    }

    private void pod(String ns, Component component, int ordinal, String zone) {
        String host = LoopbackAddresses.allocate(6379, 16379);
        ValkeyNode node = ValkeyNode.builder().host(host).workDir(workDir.resolve(component.label() + ordinal))
                .password(PASSWORD).clusterEnabled(true).appendOnly(true)
                .config("bind-source-addr", host).start();
        nodes.add(node);
        ClusterFixtures.runningPod(client, ns, "cache", component, ordinal, zone, host, true);
    }

    private ClusterPhase phase(String ns) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
    }
}
