package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * kube-scheduler's volume filters for one pod: a claim that is missing, being deleted, of a StorageClass that does
 * not exist, or unbound in an {@code Immediate} class keeps the pod off every node; a bound claim keeps it to the
 * nodes its volume's node affinity allows (a disk lives in one zone); unbound claims of a
 * {@code WaitForFirstConsumer} class (or of no class: AKS' default classes wait) are provisioned for the chosen node,
 * which the scheduler names on them before it binds the pod.
 */
final class PodVolumes {

    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String NODE_CONFLICT = "node(s) had volume node affinity conflict";

    private final List<PersistentVolumeClaim> unbound = new ArrayList<>();
    private final List<PersistentVolume> bound = new ArrayList<>();
    private String blocker;

    private PodVolumes() {
    }

    static PodVolumes of(Pod pod, Snapshot cluster) {
        PodVolumes volumes = new PodVolumes();
        for (Volume volume : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
            if (volume.getPersistentVolumeClaim() != null && volumes.blocker == null) {
                volumes.add(volume.getPersistentVolumeClaim().getClaimName(), pod.getMetadata().getNamespace(), cluster);
            }
        }
        return volumes;
    }

    /** Why no node can take the pod now, before any node is looked at. */
    Optional<String> blocker() {
        return Optional.ofNullable(blocker);
    }

    boolean fits(Node node) {
        return bound.stream().allMatch(volume -> volume.getSpec().getNodeAffinity() == null
                || volume.getSpec().getNodeAffinity().getRequired() == null
                || NodeFilters.matchesAnyTerm(volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms(),
                node));
    }

    /** Claims still to be provisioned for the pod's node. */
    List<PersistentVolumeClaim> unbound() {
        return unbound;
    }

    private void add(String claimName, String namespace, Snapshot cluster) {
        PersistentVolumeClaim claim = cluster.claims().get(namespace + "/" + claimName);
        if (claim == null) {
            blocker = "persistentvolumeclaim \"" + claimName + "\" not found";
        } else if (claim.getMetadata().getDeletionTimestamp() != null) {
            blocker = "persistentvolumeclaim \"" + claimName + "\" is being deleted";
        } else if (claim.getSpec().getVolumeName() != null) {
            Optional.ofNullable(cluster.volumes().get(claim.getSpec().getVolumeName())).ifPresent(bound::add);
        } else {
            addUnbound(claim, cluster);
        }
    }

    private void addUnbound(PersistentVolumeClaim claim, Snapshot cluster) {
        String className = claim.getSpec().getStorageClassName();
        StorageClass storageClass = className == null ? null : cluster.classes().get(className);
        if (className != null && storageClass == null) {
            blocker = "storageclass.storage.k8s.io \"" + className + "\" not found";
        } else if (storageClass != null && "Immediate".equals(storageClass.getVolumeBindingMode())) {
            blocker = "pod has unbound immediate PersistentVolumeClaims";
        } else {
            unbound.add(claim);
        }
    }

    /** The claims, volumes and classes of the cluster, read once per scheduling pass. */
    record Snapshot(Map<String, PersistentVolumeClaim> claims, Map<String, PersistentVolume> volumes,
                    Map<String, StorageClass> classes) {

        static Snapshot read(KubernetesClient client) {
            return new Snapshot(
                    byKey(client.persistentVolumeClaims().inAnyNamespace().list().getItems(),
                            claim -> claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName()),
                    byKey(client.persistentVolumes().list().getItems(), volume -> volume.getMetadata().getName()),
                    byKey(client.storage().v1().storageClasses().list().getItems(),
                            storageClass -> storageClass.getMetadata().getName()));
        }

        private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
            return items.stream().collect(Collectors.toMap(key, Function.identity(), (first, second) -> first));
        }
    }
}
