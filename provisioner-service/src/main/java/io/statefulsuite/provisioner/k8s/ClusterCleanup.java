package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * What the finalizer of a deleted ValkeyCluster removes. The workload objects would also go by garbage collection
 * (they are owned by the cluster); deleting them here makes the order explicit and works where no collector runs.
 * Claims are removed only on request: by default the data outlives the cluster.
 */
@ApplicationScoped
public class ClusterCleanup {

    private final KubernetesClient client;
    private final ApiRetry retry;

    public ClusterCleanup(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    public void deleteWorkload(String namespace, String cluster) {
        Map<String, String> managed = managedObjects(cluster);
        retry.run("delete StatefulSets", () ->
                client.apps().statefulSets().inNamespace(namespace).withLabels(managed).delete());
        retry.run("delete PodDisruptionBudgets", () ->
                client.policy().v1().podDisruptionBudget().inNamespace(namespace).withLabels(managed).delete());
        retry.run("delete Services", () ->
                client.services().inNamespace(namespace).withLabels(managed).delete());
        retry.run("delete ConfigMaps", () ->
                client.configMaps().inNamespace(namespace).withLabels(managed).delete());
    }

    /** Deletes the claims (Kubernetes holds each back until no pod uses it) and the cluster's own StorageClass. */
    public void deleteVolumes(String namespace, String cluster, Optional<String> inlineStorageClass) {
        retry.run("delete claims", () -> client.persistentVolumeClaims().inNamespace(namespace)
                .withLabels(ClusterLabels.allPodsSelector(cluster)).delete());
        inlineStorageClass.ifPresent(name -> retry.run("delete StorageClass", () ->
                client.storage().v1().storageClasses().withName(name).delete()));
    }

    /**
     * Deletes the replica StatefulSet once replicasPerShard is 0 (it is no longer rendered); its pods go with it,
     * its claims as its retention policy says (kept by default). The {@code <c>-replica} Service stays, as the
     * contract renders it whatever the replica count.
     */
    public void deleteReplicaStatefulSet(String namespace, String cluster) {
        retry.run("delete the replica StatefulSet", () -> client.apps().statefulSets().inNamespace(namespace)
                .withName(ClusterNames.statefulSet(cluster, Component.REPLICA)).delete());
    }

    /**
     * Deletes one pod so that its StatefulSet (update strategy OnDelete) re-creates it from the current template.
     * The pod's preStop hook and grace period still apply. A plain delete rather than an eviction: the rollout
     * itself only deletes while every other pod is ready, which is what the PodDisruptionBudget asks.
     */
    public void deletePod(String namespace, String pod) {
        retry.run("delete pod " + pod, () -> client.pods().inNamespace(namespace).withName(pod).delete());
    }

    private static Map<String, String> managedObjects(String cluster) {
        Map<String, String> selector = ClusterLabels.allPodsSelector(cluster);
        selector.put(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
        return selector;
    }
}
