package io.statefulsuite.health.support;

import io.statefulsuite.health.domain.IntendedRole;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import org.awaitility.Awaitility;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real Valkey cluster on loopback for tests: {@code shards} primaries and one replica each, formed here with
 * MEET / ADDSLOTSRANGE / REPLICATE (deliberately not the provisioner's code). Primary i is "zone" i+1, its replica
 * sits in the next zone, as the provisioner would place them. Node timeout 2 s keeps failovers quick.
 */
public final class TestCluster implements AutoCloseable {

    public static final String PASSWORD = "test-secret-pw";
    public static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private final List<ValkeyNode> primaries = new ArrayList<>();
    private final List<ValkeyNode> replicas = new ArrayList<>();
    private final int shards;

    private TestCluster(int shards) {
        this.shards = shards;
    }

    public static TestCluster start(Path workDir, int shards) {
        return start(workDir, shards, null);
    }

    /**
     * Nodes that speak TLS only (clients, replication and the cluster bus), with {@code pem}'s certificate, as the
     * pods of a ValkeyCluster with {@code spec.tls} do; {@code pem} null = plain TCP.
     */
    public static TestCluster start(Path workDir, int shards, EmulatorTls.PemFiles pem) {
        TestCluster cluster = new TestCluster(shards);
        try {
            for (int i = 0; i < shards; i++) {
                cluster.primaries.add(node(workDir.resolve("primary-" + i), pem));
                cluster.replicas.add(node(workDir.resolve("replica-" + i), pem));
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Each node announces its own loopback address: otherwise the cluster bus connects from 127.0.0.1 and nodes
     * learn each other under that one shared address (on a pod the only IP is the pod IP, so this is test-only).
     */
    private static ValkeyNode node(Path workDir, EmulatorTls.PemFiles pem) {
        String host = LoopbackAddresses.allocate(6379, 16379);
        ValkeyNode.Builder node = ValkeyNode.builder().host(host).config("cluster-announce-ip", host)
                .workDir(workDir).password(PASSWORD).clusterEnabled(true)
                .clusterNodeTimeout(Duration.ofMillis(2_000)).appendOnly(true);
        if (pem != null) {
            node.tls(pem.certificate(), pem.privateKey(), pem.caCertificate());
        }
        return node.start();
    }

    private void form() {
        List<ValkeyNode> all = all();
        for (int i = 0; i < all.size(); i++) {
            all.get(i).command("CLUSTER", "SET-CONFIG-EPOCH", String.valueOf(i + 1));
        }
        ValkeyNode seed = all.get(0);
        for (ValkeyNode other : all.subList(1, all.size())) {
            seed.command("CLUSTER", "MEET", other.host(), String.valueOf(other.port()));
        }
        awaitEvery(n -> clusterInfo(n).contains("cluster_known_nodes:" + all.size()));
        int per = 16384 / shards;
        for (int i = 0; i < shards; i++) {
            int last = i == shards - 1 ? 16383 : (i + 1) * per - 1;
            primaries.get(i).command("CLUSTER", "ADDSLOTSRANGE", String.valueOf(i * per), String.valueOf(last));
        }
        for (int i = 0; i < shards; i++) {
            String primaryId = id(primaries.get(i));
            ValkeyNode replica = replicas.get(i);
            Awaitility.await().atMost(CONVERGENCE).ignoreExceptions()
                    .until(() -> "OK".equals(replica.command("CLUSTER", "REPLICATE", primaryId)));
        }
        awaitHealthy();
    }

    /** Every node says cluster_state:ok and every replica's link is up. */
    public void awaitHealthy() {
        awaitEvery(n -> clusterInfo(n).contains("cluster_state:ok"));
        Awaitility.await().atMost(CONVERGENCE).ignoreExceptions().until(() -> replicas.stream()
                .allMatch(r -> String.valueOf(r.command("INFO", "replication")).contains("master_link_status:up")));
        awaitEvery(n -> clusterInfo(n).contains("cluster_state:ok"));
    }

    public void awaitEvery(Predicate<ValkeyNode> condition) {
        Awaitility.await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> all().stream().filter(ValkeyNode::isRunning).allMatch(condition));
    }

    public static String clusterInfo(ValkeyNode node) {
        return String.valueOf(node.command("CLUSTER", "INFO"));
    }

    public static String id(ValkeyNode node) {
        return String.valueOf(node.command("CLUSTER", "MYID"));
    }

    public List<ValkeyNode> all() {
        List<ValkeyNode> all = new ArrayList<>(primaries);
        all.addAll(replicas);
        return all;
    }

    public ValkeyNode primary(int shard) {
        return primaries.get(shard);
    }

    public ValkeyNode replica(int shard) {
        return replicas.get(shard);
    }

    /** Starts a stopped or killed node again on its address (the handle changes). */
    public void restartPrimary(int shard) {
        primaries.set(shard, primaries.get(shard).restart());
    }

    public void restartReplica(int shard) {
        replicas.set(shard, replicas.get(shard).restart());
    }

    public static String primaryName(int shard) {
        return "vk-primary-" + shard;
    }

    public static String replicaName(int shard) {
        return "vk-replica-" + shard;
    }

    /** Targets as discovery would see them: pod names, zones 1..3, intended roles. */
    public List<NodeTarget> targets() {
        List<NodeTarget> targets = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            targets.add(target(primaryName(i), primaries.get(i), zone(i), IntendedRole.PRIMARY));
            targets.add(target(replicaName(i), replicas.get(i), zone(i + 1), IntendedRole.REPLICA));
        }
        return targets;
    }

    public static String zone(int index) {
        return String.valueOf(index % 3 + 1);
    }

    public static NodeTarget target(String name, ValkeyNode node, String zone, IntendedRole role) {
        return new NodeTarget(name, node.host(), node.port(), zone, role, null);
    }

    public static Object command(ValkeyNode node, String... args) {
        try (RespClient client = node.client()) {
            return client.command(args);
        }
    }

    @Override
    public void close() {
        all().forEach(ValkeyNode::close);
    }
}
