package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.statefulsuite.provisioner.crd.ClusterCondition;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.peers.StandInPeers;
import io.statefulsuite.provisioner.peers.StandInPeers.Answer;
import io.statefulsuite.provisioner.peers.StandInPeers.Call;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The provisioner's calls to its siblings, against stand-ins that answer as they would: the password is generated in
 * Key Vault and mirrored by secrets-sync before anything is created, and Ready waits for a HEALTHY verdict.
 */
@QuarkusTest
@TestProfile(PeerWiringTest.WithPeers.class)
@WithTestResource(ApplyAwareKubernetesServer.class)
class PeerWiringTest {

    private static final String VAULT = "https://vault.example.net";
    private static final String PASSWORD = "peer-wiring-pw";
    private static final String SERVICE_ACCOUNT_TOKEN = "projected-service-account-token";
    private final StandInPeers peers = StandInPeers.shared();
    private final List<ValkeyNode> nodes = new ArrayList<>();

    @Inject
    KubernetesClient client;

    @TempDir
    Path workDir;

    public static class WithPeers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = StandInPeers.shared().url();
            return Map.of("provisioner.health.enabled", "true", "provisioner.health.url", url,
                    "provisioner.secrets-sync.url", url, "provisioner.secrets-sync.default-vault-url", VAULT,
                    "stateful-suite.auth.client-token-file", projectedToken().toString());
        }

        /** Where kubelet would project the provisioner's ServiceAccount token. */
        static Path projectedToken() {
            try {
                Path token = Files.createTempDirectory("projected").resolve("token");
                Files.writeString(token, SERVICE_ACCOUNT_TOKEN);
                return token;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeEach
    void setUp() {
        ClusterFixtures.registerCrd(client);
        ClusterFixtures.zonedNodes(client, List.of("1", "2", "3"));
        peers.clear();
    }

    @AfterEach
    void stopServers() {
        nodes.forEach(ValkeyNode::kill);
    }

    @Test
    void thePasswordIsGeneratedInTheVaultAndMirroredBeforeAnyWorkloadExists() {
        String ns = "peer-password";
        peers.answer(call -> {
            if (call.path().endsWith(":generate")) {
                return Answer.json("{\"vault\":\"" + VAULT + "\",\"name\":\"x\",\"created\":true,\"version\":\"v1\"}");
            }
            ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
            return Answer.json("{\"name\":\"cache-auth\",\"namespace\":\"" + ns + "\"}");
        });

        putCluster(ns, "{\"shards\":3,\"replicasPerShard\":0}");

        await().atMost(Duration.ofSeconds(30)).until(() -> condition(ns, "PasswordSynced")
                .filter(c -> "True".equals(c.getStatus())).isPresent());
        assertThat(peers.calls()).extracting(Call::method, Call::path).startsWith(
                org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/vault-secrets/" + ns + "-cache-valkey-password:generate"),
                org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/namespaces/" + ns + "/secret-syncs/cache-auth"));
        assertThat(peers.calls()).extracting(Call::authorization).containsOnly("Bearer " + SERVICE_ACCOUNT_TOKEN);
        Call sync = peers.calls().get(1);
        assertThat(sync.body()).contains("\"url\":\"" + VAULT + "\"", "\"secretKey\":\"password\"",
                "\"name\":\"cache-auth\"", "\"app.kubernetes.io/managed-by\":\"valkey-provisioner\"");
        assertThat(condition(ns, "PasswordSynced").orElseThrow().getMessage()).contains("generated")
                .doesNotContain(PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.apps().statefulSets().inNamespace(ns).withName("cache-primary").get() != null);
    }

    @Test
    void aSecretsSyncOutageLeavesTheClusterPendingWithNothingCreated() {
        String ns = "peer-outage";
        peers.answer(call -> new Answer(503, "{\"status\":503,\"detail\":\"Key Vault throttled\"}"));

        putCluster(ns, "{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> condition(ns, "PasswordSynced")
                .filter(c -> "SecretsSyncUnavailable".equals(c.getReason())).isPresent());
        assertThat(status(ns).getPhase()).isEqualTo(ClusterPhase.Pending);
        assertThat(condition(ns, "PasswordSynced").orElseThrow().getMessage()).contains("secrets-sync-service");
        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void readyWaitsForAHealthyVerdictAndShowsTheFindingsMeanwhile() {
        String ns = "peer-health";
        ClusterFixtures.passwordSecret(client, ns, "cache", PASSWORD);
        String spec = "{\"shards\":3,\"replicasPerShard\":0,\"auth\":{\"secretName\":\"cache-auth\"}}";
        peers.answer(call -> Answer.json("""
                {"status":"DEGRADED","checkedAt":"2026-11-25T10:00:00Z","findings":[
                 {"check":"persistence.aof-disabled","severity":"WARNING","message":"AOF is off on cache-primary-1"}]}"""));

        putCluster(ns, spec);
        // Pods come once their StatefulSet exists, owned by it as a controller would make them.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.apps().statefulSets().inNamespace(ns).withName("cache-primary").get() != null);
        for (int i = 0; i < 3; i++) {
            pod(ns, i, String.valueOf(i + 1), spec);
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> condition(ns, "Healthy")
                .filter(c -> "DEGRADED".equals(c.getReason())).isPresent());
        ValkeyClusterStatus waiting = status(ns);
        assertThat(waiting.getPhase()).isEqualTo(ClusterPhase.Bootstrapping);
        assertThat(waiting.getHealth().getStatus()).isEqualTo("DEGRADED");
        assertThat(waiting.getHealth().getMessage()).contains("persistence.aof-disabled", "AOF is off");
        // other tests' clusters may still be calling: only this namespace's calls count
        assertThat(peers.calls()).noneMatch(call -> call.path().contains("/namespaces/" + ns + "/secret-syncs"));

        peers.answer(call -> Answer.json("{\"status\":\"HEALTHY\",\"checkedAt\":\"2026-11-25T10:00:05Z\",\"findings\":[]}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(ns).getPhase() == ClusterPhase.Ready);
        assertThat(status(ns).getHealth().getStatus()).isEqualTo("HEALTHY");
        assertThat(peers.calls()).anyMatch(call -> call.path()
                .equals("/api/v1/namespaces/" + ns + "/valkey-clusters/cache/health"));
    }

    private void putCluster(String ns, String body) {
        given().contentType(ContentType.JSON).body(body)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/cache", ns).then().statusCode(201);
    }

    private void pod(String ns, int ordinal, String zone, String spec) {
        String host = LoopbackAddresses.allocate(6379, 16379);
        nodes.add(ValkeyNode.builder().host(host).workDir(workDir.resolve("primary" + ordinal)).password(PASSWORD)
                .clusterEnabled(true).appendOnly(true).config("bind-source-addr", host).start());
        ClusterFixtures.runningPod(client, ns, "cache", Component.PRIMARY, ordinal, zone, host, true,
                Serialization.unmarshal(spec, ValkeyClusterSpec.class));
    }

    private ValkeyClusterStatus status(String ns) {
        ValkeyCluster cluster = client.resources(ValkeyCluster.class).inNamespace(ns).withName("cache").get();
        return cluster == null || cluster.getStatus() == null ? new ValkeyClusterStatus() : cluster.getStatus();
    }

    private Optional<ClusterCondition> condition(String ns, String type) {
        return status(ns).getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
