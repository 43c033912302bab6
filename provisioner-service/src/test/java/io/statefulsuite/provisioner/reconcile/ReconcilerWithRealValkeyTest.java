package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        sixRunningPods(ns);

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

    @Test
    void aNewPasswordInTheSecretIsRolledOntoTheRunningNodesWithoutBreakingReplication() {
        String ns = "rotate";
        sixRunningPods(ns);
        given().contentType(ContentType.JSON).body("{}")
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);
        await().atMost(Duration.ofSeconds(120)).until(() -> phase(ns) == ClusterPhase.Ready);
        String rotated = "rotated-valkey-pw";

        ClusterFixtures.passwordSecret(client, ns, "cache", rotated);

        await().atMost(Duration.ofSeconds(60)).until(() -> condition(ns, "PasswordApplied")
                .filter(c -> "Rotated".equals(c.getReason())).isPresent());
        assertThat(nodes).allSatisfy(node -> {
            try (RespClient withNew = new RespClient(node.host(), node.port(), rotated)) {
                assertThat(withNew.text("PING")).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> new RespClient(node.host(), node.port(), PASSWORD).close())
                    .isInstanceOf(RespException.class);
        });
        List<ValkeyNode> replicas = nodes.stream().filter(node ->
                String.valueOf(commandAs(node, rotated, "INFO", "replication")).contains("role:slave")).toList();
        assertThat(replicas).hasSize(3);
        try (RespClient replica = new RespClient(replicas.get(0).host(), replicas.get(0).port(), rotated)) {
            replica.command("CLIENT", "KILL", "TYPE", "master"); // the link must come back with the new masterauth
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> replicas.stream().allMatch(node ->
                String.valueOf(commandAs(node, rotated, "INFO", "replication")).contains("master_link_status:up")));
        assertThat(String.valueOf(commandAs(nodes.get(0), rotated, "CLUSTER", "INFO"))).contains("cluster_state:ok");
        assertThat(client.secrets().inNamespace(ns).withName("cache-auth-applied").get().getData().get("password"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(rotated.getBytes()));
        assertThat(condition(ns, "PasswordApplied").orElseThrow().getMessage()).doesNotContain(rotated, PASSWORD);
    }

    /** Three zones, the password Secret, and three primary and three replica pods, each a real server. */
    private void sixRunningPods(String ns) {
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.zonedNodes(client, List.of("1", "2", "3"));
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        for (int i = 0; i < 3; i++) {
            pod(ns, Component.PRIMARY, i, String.valueOf(i + 1));
            pod(ns, Component.REPLICA, i, String.valueOf((i + 1) % 3 + 1));
        }
    }

    private static Object commandAs(ValkeyNode node, String password, String... command) {
        try (RespClient connection = new RespClient(node.host(), node.port(), password)) {
            return connection.command(command);
        }
    }

    private java.util.Optional<io.statefulsuite.provisioner.crd.ClusterCondition> condition(String ns, String type) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? java.util.Optional.empty()
                : cluster.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private void pod(String ns, Component component, int ordinal, String zone) {
        String host = LoopbackAddresses.allocate(6379, 16379);
        ValkeyNode node = ValkeyNode.builder().host(host).workDir(workDir.resolve(component.label() + ordinal))
                .password(PASSWORD).clusterEnabled(true).appendOnly(true)
                .config("bind-source-addr", host).start();
        nodes.add(node);
        ClusterFixtures.runningPod(client, ns, "cache", component, ordinal, zone, host, true, new ValkeyClusterSpec());
    }

    private ClusterPhase phase(String ns) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
    }
}
