package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import io.statefulsuite.provisioner.crd.ClusterCondition;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.TlsSpec;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spec.tls} end to end with real TLS-only Valkey servers (client port, replication and cluster bus over TLS),
 * each standing in for a pod on its own loopback address, with certificates that do not name those addresses
 * (as certificates rarely name pod IPs). The provisioner must form the cluster trusting only the Secret's CA.
 */
@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class ReconcilerWithTlsValkeyTest {

    private static final String PASSWORD = "tls-valkey-pw";
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
    void theProvisionerFormsATlsClusterTrustingTheSecretsCa() throws IOException {
        String ns = "tls-valkey";
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("tls"));
        ClusterFixtures.tlsSecret(client, ns, "cache-tls", Map.of("tls.crt", read(pem.certificate()),
                "tls.key", read(pem.privateKey()), "ca.crt", read(pem.caCertificate())));
        sixRunningTlsPods(ns, pem);

        given().contentType(ContentType.JSON).body(TLS_BODY)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);

        await().atMost(Duration.ofSeconds(120)).until(() -> phase(ns) == ClusterPhase.Ready);
        assertThat(nodes).allSatisfy(node -> assertThat(node.client().text("CLUSTER", "INFO"))
                .contains("cluster_state:ok", "cluster_size:3"));
        List<ValkeyNode> replicas = nodes.stream()
                .filter(node -> node.client().text("INFO", "replication").contains("role:slave")).toList();
        assertThat(replicas).hasSize(3).allSatisfy(replica -> assertThat(replica.client().text("INFO", "replication"))
                .contains("master_link_status:up"));
        String configMap = client.configMaps().inNamespace(ns).withName("cache-config").get().getData()
                .get("valkey.conf");
        assertThat(configMap).contains("port 0", "tls-port 6379", "tls-cluster yes");
    }

    @Test
    void aTlsSecretWithoutItsCaFormsNothingAndSaysWhy() throws IOException {
        String ns = "tls-no-ca";
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("tls"));
        ClusterFixtures.tlsSecret(client, ns, "cache-tls", Map.of("tls.crt", read(pem.certificate()),
                "tls.key", read(pem.privateKey())));
        sixRunningTlsPods(ns, pem);

        given().contentType(ContentType.JSON).body(TLS_BODY)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> provisioned(ns).isPresent());
        ClusterCondition missing = provisioned(ns).orElseThrow();
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getReason()).isEqualTo("TlsSecretMissing");
        assertThat(missing.getMessage()).contains("Secret tls-no-ca/cache-tls", "ca.crt");
        assertThat(phase(ns)).isEqualTo(ClusterPhase.Pending);

        ClusterFixtures.tlsSecret(client, ns, "cache-tls", Map.of("tls.crt", read(pem.certificate()),
                "tls.key", read(pem.privateKey()), "ca.crt", "not a certificate".getBytes(StandardCharsets.US_ASCII)));

        await().atMost(Duration.ofSeconds(30)).until(() -> provisioned(ns)
                .filter(c -> "TlsSecretInvalid".equals(c.getReason())).isPresent());
        assertThat(provisioned(ns).orElseThrow().getMessage()).contains("ca.crt", "cache-tls", "not a PEM certificate");
        assertThat(phase(ns)).isEqualTo(ClusterPhase.Pending);
        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).as("nothing applied").isEmpty();
        assertThat(nodes).allSatisfy(node -> assertThat(node.client().text("CLUSTER", "INFO"))
                .as("never spoken to, not even in plain TCP").contains("cluster_known_nodes:1"));
    }

    /** Three zones, the password Secret, and three primary and three replica pods, each a real TLS-only server. */
    private void sixRunningTlsPods(String ns, EmulatorTls.PemFiles pem) {
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.zonedNodes(client, List.of("1", "2", "3"));
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setTls(new TlsSpec("cache-tls"));
        for (int i = 0; i < 3; i++) {
            pod(ns, Component.PRIMARY, i, String.valueOf(i + 1), pem, spec);
            pod(ns, Component.REPLICA, i, String.valueOf((i + 1) % 3 + 1), pem, spec);
        }
    }

    private void pod(String ns, Component component, int ordinal, String zone, EmulatorTls.PemFiles pem,
                     ValkeyClusterSpec spec) {
        String host = LoopbackAddresses.allocate(6379, 16379);
        ValkeyNode node = ValkeyNode.builder().host(host).workDir(workDir.resolve(component.label() + ordinal))
                .password(PASSWORD).clusterEnabled(true).appendOnly(true)
                .tls(pem.certificate(), pem.privateKey(), pem.caCertificate()).start();
        nodes.add(node);
        ClusterFixtures.runningPod(client, ns, "cache", component, ordinal, zone, host, true, spec);
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    private Optional<ClusterCondition> provisioned(String ns) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? Optional.empty()
                : cluster.getStatus().getConditions().stream().filter(c -> "Provisioned".equals(c.getType()))
                .findFirst();
    }

    private ClusterPhase phase(String ns) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
    }
}
