package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import io.statefulsuite.provisioner.crd.ClusterCondition;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.TlsSpec;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop with real Valkey servers: each "pod" is a valkey-server (or redis-server) on its own loopback
 * address, announced to the mock API server as a running Pod with that IP. The reconciler must form the cluster
 * through ClusterFormation and report Ready. With {@code spec.tls} the servers are TLS-only (clients, replication,
 * bus) with certificates that do not name their addresses, as certificates rarely name pod IPs.
 */
@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class ReconcilerWithRealValkeyTest {

    private static final String PASSWORD = "real-valkey-pw";
    private static final String TLS_BODY = "{\"tls\":{\"secretName\":\"cache-tls\"}}";
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
        createWithSixRunningPods(ns, "{}", new ValkeyClusterSpec(), UnaryOperator.identity());

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
        createWithSixRunningPods(ns, "{}", new ValkeyClusterSpec(), UnaryOperator.identity());
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

    @Test
    void theProvisionerFormsATlsClusterTrustingTheSecretsCa() throws IOException {
        String ns = "tls-valkey";
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("tls"));
        ClusterFixtures.tlsSecret(client, ns, "cache-tls", Map.of("tls.crt", read(pem.certificate()),
                "tls.key", read(pem.privateKey()), "ca.crt", read(pem.caCertificate())));
        createWithSixRunningPods(ns, TLS_BODY, tlsSpec(), tlsServer(pem));

        await().atMost(Duration.ofSeconds(120)).until(() -> phase(ns) == ClusterPhase.Ready);
        assertThat(nodes).allSatisfy(node -> assertThat(node.client().text("CLUSTER", "INFO"))
                .contains("cluster_state:ok", "cluster_size:3"));
        List<ValkeyNode> replicas = nodes.stream()
                .filter(node -> node.client().text("INFO", "replication").contains("role:slave")).toList();
        assertThat(replicas).hasSize(3).allSatisfy(replica -> assertThat(replica.client().text("INFO", "replication"))
                .contains("master_link_status:up"));
        assertThat(client.configMaps().inNamespace(ns).withName("cache-config").get().getData().get("valkey.conf"))
                .contains("port 0", "tls-port 6379", "tls-cluster yes");
    }

    @Test
    void aTlsSecretWithoutItsCaFormsNothingAndSaysWhy() throws IOException {
        String ns = "tls-no-ca";
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("tls"));
        ClusterFixtures.tlsSecret(client, ns, "cache-tls", Map.of("tls.crt", read(pem.certificate()),
                "tls.key", read(pem.privateKey())));
        sixRunningPods(ns, tlsSpec(), tlsServer(pem));

        given().contentType(ContentType.JSON).body(TLS_BODY)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> condition(ns, "Provisioned").isPresent());
        ClusterCondition missing = condition(ns, "Provisioned").orElseThrow();
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getReason()).isEqualTo("TlsSecretMissing");
        assertThat(missing.getMessage()).contains("Secret tls-no-ca/cache-tls", "ca.crt");
        assertThat(phase(ns)).isEqualTo(ClusterPhase.Pending);

        ClusterFixtures.tlsSecret(client, ns, "cache-tls", Map.of("tls.crt", read(pem.certificate()),
                "tls.key", read(pem.privateKey()), "ca.crt", "not a certificate".getBytes(StandardCharsets.US_ASCII)));

        await().atMost(Duration.ofSeconds(30)).until(() -> condition(ns, "Provisioned")
                .filter(c -> "TlsSecretInvalid".equals(c.getReason())).isPresent());
        assertThat(condition(ns, "Provisioned").orElseThrow().getMessage())
                .contains("ca.crt", "cache-tls", "not a PEM certificate");
        assertThat(phase(ns)).isEqualTo(ClusterPhase.Pending);
        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).as("nothing applied").isEmpty();
        assertThat(nodes).allSatisfy(node -> assertThat(node.client().text("CLUSTER", "INFO"))
                .as("never spoken to, not even in plain TCP").contains("cluster_known_nodes:1"));
    }

    /** A spec with {@code tls: cache-tls}, whose pods carry its revision. */
    private static ValkeyClusterSpec tlsSpec() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setTls(new TlsSpec("cache-tls"));
        return spec;
    }

    private static UnaryOperator<ValkeyNode.Builder> tlsServer(EmulatorTls.PemFiles pem) {
        return server -> server.tls(pem.certificate(), pem.privateKey(), pem.caCertificate());
    }

    /**
     * PUTs the cluster, then starts its six pods once the provisioner has applied the StatefulSets, as their
     * controller would: the pods name them as owner, and the provisioner trusts no pod that does not.
     */
    private void createWithSixRunningPods(String ns, String body, ValkeyClusterSpec spec,
                                          UnaryOperator<ValkeyNode.Builder> server) {
        prerequisites(ns);
        given().contentType(ContentType.JSON).body(body)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.apps().statefulSets().inNamespace(ns).list().getItems().size() == 2);
        sixPods(ns, spec, server);
    }

    /** Three zones, the password Secret, and three primary and three replica pods, each a real server. */
    private void sixRunningPods(String ns, ValkeyClusterSpec spec, UnaryOperator<ValkeyNode.Builder> server) {
        prerequisites(ns);
        sixPods(ns, spec, server);
    }

    private void prerequisites(String ns) {
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.zonedNodes(client, List.of("1", "2", "3"));
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
    }

    private void sixPods(String ns, ValkeyClusterSpec spec, UnaryOperator<ValkeyNode.Builder> server) {
        for (int i = 0; i < 3; i++) {
            pod(ns, Component.PRIMARY, i, String.valueOf(i + 1), spec, server);
            pod(ns, Component.REPLICA, i, String.valueOf((i + 1) % 3 + 1), spec, server);
        }
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    private static Object commandAs(ValkeyNode node, String password, String... command) {
        try (RespClient connection = new RespClient(node.host(), node.port(), password)) {
            return connection.command(command);
        }
    }

    private Optional<ClusterCondition> condition(String ns, String type) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? Optional.empty()
                : cluster.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private void pod(String ns, Component component, int ordinal, String zone, ValkeyClusterSpec spec,
                     UnaryOperator<ValkeyNode.Builder> server) {
        String host = LoopbackAddresses.allocate(6379, 16379);
        ValkeyNode node = server.apply(ValkeyNode.builder().host(host)
                .workDir(workDir.resolve(component.label() + ordinal))
                .password(PASSWORD).clusterEnabled(true).appendOnly(true)
                .config("bind-source-addr", host)).start();
        nodes.add(node);
        ClusterFixtures.runningPod(client, ns, "cache", component, ordinal, zone, host, true, spec);
    }

    private ClusterPhase phase(String ns) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
    }
}
