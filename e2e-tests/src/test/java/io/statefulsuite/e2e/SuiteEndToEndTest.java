package io.statefulsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.local.LocalStack;
import io.statefulsuite.local.ServiceEnvironment.Service;
import io.statefulsuite.local.stack.StackOptions;
import io.statefulsuite.local.stack.SuiteApi;
import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite as a pipeline meets it: the three services run as real processes from their packaged jars on the local
 * stack (mock Kubernetes API, simulated zoned nodes running real Valkey processes, Key Vault emulator), and every step
 * goes through their REST APIs. The steps build on each other, in order, on one stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteEndToEndTest {

    private static final String NS = "e2e";
    private static final String CLUSTER = "cache";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final int KEYS = 200;
    /** The claims of the 3×1 cluster's pods; those of replicas scaled in are kept too, as StatefulSets keep them. */
    private static final Set<String> CLAIMS_IN_USE = Set.of("data-cache-primary-0", "data-cache-primary-1",
            "data-cache-primary-2", "data-cache-replica-0", "data-cache-replica-1", "data-cache-replica-2");

    private final SuiteApi api = new SuiteApi();
    private final Set<String> passwordsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private LocalStack stack;
    private KubernetesClient kubernetes;
    private ClusterData data;

    @BeforeAll
    void startStack() throws IOException {
        Path repo = Path.of(System.getProperty("suite.repo", "..")).toAbsolutePath().normalize();
        Path workDir = Files.createTempDirectory("suite-e2e");
        StackOptions options = new StackOptions(repo, workDir, FreePorts.one(), FreePorts.one(), FreePorts.run(3), NS, CLUSTER,
                false, false);
        stack = new LocalStack(options).start();
        kubernetes = stack.client();
        data = new ClusterData(() -> podIps(CLUSTER), () -> password(CLUSTER));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void oneRequestGivesAReadyHealthyClusterWithItsPasswordInKeyVault() {
        api.put(clusterUrl(CLUSTER), Map.of("shards", 3, "replicasPerShard", 1));

        JsonNode ready = awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);

        assertThat(ready.path("status").path("pods")).hasSize(6);
        assertThat(ready.path("status").path("health").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(zonesOf(ready, "primary")).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(stack.vault().store().latest(NS + "-" + CLUSTER + "-valkey-password")).isPresent();
        assertThat(password(CLUSTER)).hasSize(32);
        assertThat(ready.toString()).doesNotContain(password(CLUSTER));
        assertThat(health(CLUSTER).path("status").asText()).isEqualTo("HEALTHY");
        IntStream.range(0, KEYS).forEach(i -> data.set("key-" + i, "value-" + i));
    }

    @Test
    @Order(2)
    void aCrashedPrimaryIsSeenAndRecoveredWithoutLosingData() {
        stack.workloads().kubelet().crash(NS, CLUSTER + "-primary-0", Duration.ofSeconds(20));

        await("health to notice the crash", () -> health(CLUSTER).path("status").asText(),
                status -> !"HEALTHY".equals(status), Duration.ofMinutes(1));
        await("health HEALTHY again", () -> health(CLUSTER).path("status").asText(), "HEALTHY"::equals,
                Duration.ofMinutes(3));
        awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);

        assertAllKeysReadable();
    }

    @Test
    @Order(3)
    void theClusterReformsWhenEveryPodReturnsOnANewIp() {
        Set<String> before = Set.copyOf(podIps(CLUSTER));

        kubernetes.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", CLUSTER).delete();

        await("all pods back on new IPs", () -> podIps(CLUSTER),
                ips -> ips.size() == 6 && ips.stream().noneMatch(before::contains), Duration.ofMinutes(2));
        await("health HEALTHY on the new IPs", () -> health(CLUSTER).path("status").asText(), "HEALTHY"::equals,
                Duration.ofMinutes(3));
        awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);
        assertAllKeysReadable();
    }

    @Test
    @Order(4)
    void aPasswordRotatedInKeyVaultReachesTheRunningNodesWithoutLosingTheCluster() {
        String old = password(CLUSTER);
        String rotated = "rotated-" + Long.toHexString(System.nanoTime()) + "-password-value";

        stack.vault().seed(NS + "-" + CLUSTER + "-valkey-password", rotated);

        await("the Secret mirrored from the vault", () -> password(CLUSTER), rotated::equals, Duration.ofMinutes(1));
        await("the nodes moved to the new password", () -> api.get(clusterUrl(CLUSTER)),
                resource -> conditionReason(resource, "PasswordApplied").equals("Rotated"), Duration.ofMinutes(2));
        await("health HEALTHY with the new password", () -> health(CLUSTER).path("status").asText(),
                "HEALTHY"::equals, Duration.ofMinutes(2));
        assertAllKeysReadable();
        assertThat(api.get(clusterUrl(CLUSTER)).toString()).doesNotContain(rotated, old);
        for (String ip : podIps(CLUSTER)) {
            assertThatThrownBy(() -> new RespClient(ip, 6379, old).close()).isInstanceOf(RespException.class);
        }
    }

    @Test
    @Order(5)
    void replicasScaleOutAndInWithTheDataKept() {
        api.put(clusterUrl(CLUSTER), Map.of("shards", 3, "replicasPerShard", 2));
        await("nine pods", () -> podIps(CLUSTER), ips -> ips.size() == 9, Duration.ofMinutes(2));
        JsonNode scaledOut = awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);
        assertThat(scaledOut.path("status").path("pods")).hasSize(9);
        await("health HEALTHY with two replicas per shard", () -> health(CLUSTER).path("status").asText(),
                "HEALTHY"::equals, Duration.ofMinutes(2));

        api.put(clusterUrl(CLUSTER), Map.of("shards", 3, "replicasPerShard", 1));
        await("six pods", () -> podIps(CLUSTER), ips -> ips.size() == 6, Duration.ofMinutes(2));
        await("health HEALTHY with one replica per shard", () -> health(CLUSTER).path("status").asText(),
                "HEALTHY"::equals, Duration.ofMinutes(2));
        awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);
        assertAllKeysReadable();
    }

    @Test
    @Order(6)
    void volumesGrowInPlaceWithTheDataKept() {
        api.put(clusterUrl(CLUSTER), Map.of("shards", 3, "replicasPerShard", 1, "storage", Map.of("size", "30Gi")));

        await("every claim in use at 30Gi", () -> kubernetes.persistentVolumeClaims().inNamespace(NS)
                .withLabel("app.kubernetes.io/instance", CLUSTER).list().getItems().stream()
                .filter(claim -> CLAIMS_IN_USE.contains(claim.getMetadata().getName()))
                .map(claim -> claim.getStatus().getCapacity().get("storage").toString()).toList(),
                sizes -> sizes.size() == 6 && sizes.stream().allMatch("30Gi"::equals), Duration.ofMinutes(2));
        awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);
        assertAllKeysReadable();
    }

    @Test
    @Order(7)
    void aProvisionerRestartedMidProvisioningFinishesTheJob() {
        String second = "orders";
        api.put(clusterUrl(second), Map.of("shards", 3, "replicasPerShard", 0));
        await("provisioning under way", () -> kubernetes.apps().statefulSets().inNamespace(NS)
                .withName(second + "-primary").get(), statefulSet -> statefulSet != null, Duration.ofMinutes(1));

        stack.restart(Service.PROVISIONER);

        JsonNode ready = awaitPhase(second, "Ready", READY_TIMEOUT);
        assertThat(ready.path("status").path("pods")).hasSize(3);
        password(second);
        api.delete(clusterUrl(second));
    }

    @Test
    @Order(8)
    void aClusterDeletedWithItsVolumesKeptComesBackWithItsData() {
        api.delete(clusterUrl(CLUSTER) + "?retainVolumes=true");
        await("the workload gone", () -> kubernetes.pods().inNamespace(NS)
                .withLabel("app.kubernetes.io/instance", CLUSTER).list().getItems(), List::isEmpty, Duration.ofMinutes(2));
        assertThat(kubernetes.persistentVolumeClaims().inNamespace(NS)
                .withLabel("app.kubernetes.io/instance", CLUSTER).list().getItems())
                .extracting(claim -> claim.getMetadata().getName()).containsAll(CLAIMS_IN_USE);

        api.put(clusterUrl(CLUSTER), Map.of("shards", 3, "replicasPerShard", 1, "storage", Map.of("size", "30Gi")));

        awaitPhase(CLUSTER, "Ready", READY_TIMEOUT);
        assertAllKeysReadable();
    }

    private static String conditionReason(JsonNode resource, String type) {
        for (JsonNode condition : resource.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition.path("reason").asText();
            }
        }
        return "";
    }

    @Test
    @Order(9)
    void noPasswordAppearsInAnyLogMetricResourceOrAnswer() throws IOException {
        assertThat(passwordsSeen).hasSizeGreaterThanOrEqualTo(3); // cache's first and rotated, orders'
        StringBuilder everything = new StringBuilder();
        try (var logs = Files.list(stack.options().workDir().resolve("logs"))) {
            for (Path log : logs.toList()) {
                everything.append(Files.readString(log));
            }
        }
        for (Service service : Service.values()) {
            everything.append(text(stack.urlOf(service) + "/q/metrics"));
        }
        everything.append(api.get(clusterUrl(CLUSTER)))
                .append(api.get(stack.urlOf(Service.SECRETS_SYNC) + "/api/v1/namespaces/" + NS + "/secret-syncs"))
                .append(health(CLUSTER))
                .append(kubernetes.genericKubernetesResources("stateful.suite.io/v1alpha1", "ValkeyCluster")
                        .inNamespace(NS).list().getItems())
                .append(kubernetes.genericKubernetesResources("stateful.suite.io/v1alpha1", "SecretSync")
                        .inNamespace(NS).list().getItems())
                .append(kubernetes.v1().events().inNamespace(NS).list().getItems());
        assertThat(everything.length()).isGreaterThan(10_000);
        for (String password : passwordsSeen) {
            assertThat(everything.indexOf(password)).as("a password found in logs, metrics or answers").isEqualTo(-1);
        }
    }

    private static String text(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(10)
    void aClusterNoNodeCanTakeSaysWhyInItsStatusInTheSchedulersWords() {
        api.put(clusterUrl("nowhere"), Map.of("shards", 3, "replicasPerShard", 1,
                "nodeSelector", Map.of("agentpool", "gpu")));

        JsonNode stuck = await("PodsRunning=False, reason Unschedulable", () -> api.get(clusterUrl("nowhere")),
                resource -> "Unschedulable".equals(condition(resource, "PodsRunning").path("reason").asText()),
                Duration.ofMinutes(1));

        assertThat(condition(stuck, "PodsRunning").path("message").asText())
                .contains("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
        api.delete(clusterUrl("nowhere"));
    }

    private static JsonNode condition(JsonNode resource, String type) {
        for (JsonNode condition : resource.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private void assertAllKeysReadable() {
        List<String> missing = IntStream.range(0, KEYS).filter(i -> !("value-" + i).equals(data.get("key-" + i)))
                .mapToObj(i -> "key-" + i).toList();
        assertThat(missing).as("keys lost").isEmpty();
    }

    private JsonNode awaitPhase(String cluster, String phase, Duration timeout) {
        return await("phase " + phase + " of " + cluster, () -> api.get(clusterUrl(cluster)),
                resource -> phase.equals(resource.path("status").path("phase").asText()), timeout);
    }

    private JsonNode health(String cluster) {
        return api.get(stack.urlOf(Service.HEALTH) + "/api/v1/namespaces/" + NS + "/valkey-clusters/" + cluster
                + "/health?fresh=true");
    }

    private String clusterUrl(String cluster) {
        return stack.urlOf(Service.PROVISIONER) + "/api/v1/namespaces/" + NS + "/valkey-clusters/" + cluster;
    }

    private List<String> podIps(String cluster) {
        return kubernetes.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", cluster).list().getItems()
                .stream().map(Pod::getStatus).filter(status -> status != null && status.getPodIP() != null)
                .map(status -> status.getPodIP()).toList();
    }

    private String password(String cluster) {
        Secret secret = kubernetes.secrets().inNamespace(NS).withName(cluster + "-auth").get();
        String value = new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
        String password = value.lines().findFirst().orElse("");
        passwordsSeen.add(password);
        return password;
    }

    private static List<String> zonesOf(JsonNode resource, String role) {
        return java.util.stream.StreamSupport.stream(resource.path("status").path("pods").spliterator(), false)
                .filter(pod -> pod.path("name").asText().contains("-" + role + "-"))
                .map(pod -> pod.path("zone").asText()).collect(Collectors.toList());
    }

    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = null; // a service being restarted answers nothing for a moment
            }
            sleep();
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
