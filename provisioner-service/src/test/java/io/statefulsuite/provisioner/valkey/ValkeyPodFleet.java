package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import io.statefulsuite.provisioner.domain.formation.PodRole;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;
import io.statefulsuite.testkit.valkey.ValkeyNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real Valkey servers standing in for the pods of cluster {@code cache}, each on its own loopback address with
 * ports 6379/16379 and its own data directory (the "PVC"). Primary i sits in zone i % 3 + 1, replica j in zone
 * (j + 1) % 3 + 1, so a replica never shares its ordinal shard's zone.
 */
final class ValkeyPodFleet implements AutoCloseable {

    static final String CLUSTER = "cache";
    static final List<String> ZONES = List.of("1", "2", "3");
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(2_000);

    final String password = "pw-" + Long.toHexString(System.nanoTime());
    private final Path workDir;
    private final Map<String, ValkeyNode> nodes = new LinkedHashMap<>();
    private final Map<String, ValkeyPod> pods = new LinkedHashMap<>();
    private int shards;
    private int replicasPerShard;

    ValkeyPodFleet(Path workDir) {
        this.workDir = workDir;
    }

    ValkeyPodFleet start(int newShards, int newReplicasPerShard) {
        spec(newShards, newReplicasPerShard);
        for (int i = 0; i < newShards; i++) {
            startPod(PodRole.PRIMARY, i);
        }
        for (int j = 0; j < newShards * newReplicasPerShard; j++) {
            startPod(PodRole.REPLICA, j);
        }
        return this;
    }

    void spec(int newShards, int newReplicasPerShard) {
        shards = newShards;
        replicasPerShard = newReplicasPerShard;
    }

    ValkeyPod startPod(PodRole role, int ordinal) {
        String name = CLUSTER + "-" + (role == PodRole.PRIMARY ? "primary-" : "replica-") + ordinal;
        String zone = ZONES.get((role == PodRole.PRIMARY ? ordinal : ordinal + 1) % ZONES.size());
        return running(name, launch(name), zone, role, role == PodRole.PRIMARY ? ordinal : ordinal % shards);
    }

    /** The pod is deleted (scale-in): its process ends and it is no pod any more. */
    void remove(String name) {
        nodes.remove(name).kill();
        pods.remove(name);
    }

    /** The pod's process dies; Kubernetes still has the pod but it has no IP until it runs again. */
    void kill(String name) {
        nodes.get(name).kill();
    }

    /** The pod runs again on a new IP with its old data directory, as a rescheduled pod does. */
    void restartOnNewAddress(String name) {
        ValkeyNode node = nodes.get(name);
        if (node.isRunning()) {
            node.stop();
        }
        ValkeyPod pod = pods.get(name);
        running(name, node.restartOn(LoopbackAddresses.allocate(6379, 16379)), pod.zone(), pod.role(), pod.shard());
    }

    void restartAllOnNewAddresses() {
        nodes.values().forEach(ValkeyNode::stop);
        List.copyOf(nodes.keySet()).forEach(this::restartOnNewAddress);
    }

    /** What the reconciler passes: the spec and the pods that run. */
    FormationRequest request() {
        List<ValkeyPod> running = new ArrayList<>();
        pods.forEach((name, pod) -> {
            if (nodes.get(name).isRunning()) {
                running.add(pod);
            }
        });
        return new FormationRequest("ns", CLUSTER, shards, replicasPerShard, ZONES, running);
    }

    ValkeyPod pod(String name) {
        return pods.get(name);
    }

    List<ValkeyPod> pods() {
        return List.copyOf(pods.values());
    }

    ValkeyNode node(String name) {
        return nodes.get(name);
    }

    String text(String name, String... command) {
        return String.valueOf(nodes.get(name).command(command));
    }

    /** INFO / CLUSTER INFO field of one pod. */
    String field(String name, String section, String key) {
        String[] command = section.equals("cluster") ? new String[]{"CLUSTER", "INFO"} : new String[]{"INFO", section};
        return text(name, command).lines().filter(line -> line.startsWith(key + ":"))
                .map(line -> line.substring(key.length() + 1).trim()).findFirst().orElse(null);
    }

    /** The pod a replica pod replicates from, by the address in its INFO replication. */
    String masterPodOf(String name) {
        String host = field(name, "replication", "master_host");
        return pods.values().stream().filter(pod -> pod.ip().equals(host)).map(ValkeyPod::name).findFirst()
                .orElse(null);
    }

    /** SET through any pod, following MOVED redirects as a cluster client does. */
    void set(String key, String value) {
        redirected(key, client -> client.command("SET", key, value));
    }

    String get(String key) {
        return (String) redirected(key, client -> client.command("GET", key));
    }

    private Object redirected(String key, java.util.function.Function<RespClient, Object> command) {
        String host = pods.values().stream().filter(pod -> nodes.get(pod.name()).isRunning()).findFirst()
                .orElseThrow().ip();
        for (int hop = 0; hop < 3; hop++) {
            try (RespClient client = new RespClient(host, 6379, password)) {
                return command.apply(client);
            } catch (RespException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.startsWith("MOVED ")) {
                    throw e;
                }
                String target = message.split(" ")[2];
                host = target.substring(0, target.lastIndexOf(':'));
            }
        }
        throw new IllegalStateException("Too many redirects for " + key);
    }

    /** A server for a new pod on a fresh address with its own data directory (its "PVC"). */
    private ValkeyNode launch(String name) {
        return ValkeyNode.builder().host(LoopbackAddresses.allocate(6379, 16379)).workDir(workDir.resolve(name))
                .password(password).clusterEnabled(true).appendOnly(true).clusterNodeTimeout(NODE_TIMEOUT).start();
    }

    private ValkeyPod running(String name, ValkeyNode node, String zone, PodRole role, int shard) {
        ValkeyPod pod = new ValkeyPod(name, node.host(), zone, role, shard);
        nodes.put(name, node);
        pods.put(name, pod);
        return pod;
    }

    @Override
    public void close() {
        nodes.values().forEach(ValkeyNode::kill);
    }
}
