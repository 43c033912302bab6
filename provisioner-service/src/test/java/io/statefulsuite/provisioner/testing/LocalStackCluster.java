package io.statefulsuite.provisioner.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.crd.ClusterCondition;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;

import java.util.List;
import java.util.Optional;

/**
 * A ValkeyCluster whose pods the local stack ({@code deploy/local}'s WorkloadRunner) runs as real servers, seen
 * the way a test asks about it: its resource, its pods, and its data through any pod (following MOVED).
 */
public record LocalStackCluster(KubernetesClient client, String namespace, String name, String password) {

    public List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabels(ClusterLabels.allPodsSelector(name)).list().getItems();
    }

    public ValkeyCluster resource() {
        return client.resources(ValkeyCluster.class).inNamespace(namespace).withName(name).get();
    }

    public ClusterPhase phase() {
        ValkeyCluster cluster = resource();
        return cluster == null || cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
    }

    public Optional<ClusterCondition> condition(String type) {
        ValkeyCluster cluster = resource();
        return cluster == null || cluster.getStatus() == null ? Optional.empty()
                : cluster.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Sends a key command to a running pod and follows MOVED redirects to the shard that owns the key. */
    public String command(String... args) {
        String ip = pods().stream().map(pod -> pod.getStatus() == null ? null : pod.getStatus().getPodIP())
                .filter(address -> address != null && !address.isEmpty()).findFirst().orElseThrow();
        for (int hop = 0; hop < 5; hop++) {
            try (RespClient valkey = new RespClient(ip, 6379, password)) {
                return String.valueOf(valkey.command(args));
            } catch (RespException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("MOVED")) {
                    throw e;
                }
                String target = e.getMessage().split(" ")[2];
                ip = target.substring(0, target.lastIndexOf(':'));
            }
        }
        throw new AssertionError("too many redirects for " + String.join(" ", args));
    }

    /** A node's reply as text, or empty when it does not answer. */
    public Optional<String> ask(String ip, String... args) {
        try (RespClient valkey = new RespClient(ip, 6379, password)) {
            return Optional.of(valkey.text(args));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
