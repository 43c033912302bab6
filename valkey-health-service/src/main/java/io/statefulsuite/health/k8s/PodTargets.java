package io.statefulsuite.health.k8s;

import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.IntendedRole;
import io.statefulsuite.health.domain.VolumeState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns a Valkey pod into a node to check: IP, client port, zone of its node, intended role, data volume. */
public final class PodTargets {

    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final int CLIENT_PORT = 6379;
    private static final String DATA_PATH = "/data";

    private PodTargets() {
    }

    /** The StatefulSets that own a cluster's pods: {@code <cluster>-primary} and {@code <cluster>-replica}. */
    public static List<String> statefulSetNames(String cluster) {
        return List.of(cluster + "-primary", cluster + "-replica");
    }

    /**
     * Whether the pod's controller is one of its cluster's StatefulSets, identified by UID ({@code statefulSetUids}:
     * "namespace/name" → uid). Labels alone prove nothing (any pod can copy them), and only a pod that passes this
     * is ever sent the cluster's password.
     */
    public static boolean controlledByItsCluster(Pod pod, Map<String, String> statefulSetUids) {
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        String cluster = labels.get(INSTANCE_LABEL);
        List<OwnerReference> owners = Objects.requireNonNullElse(pod.getMetadata().getOwnerReferences(), List.of());
        return cluster != null && owners.stream().anyMatch(owner -> Boolean.TRUE.equals(owner.getController())
                && "StatefulSet".equals(owner.getKind()) && "apps/v1".equals(owner.getApiVersion())
                && statefulSetNames(cluster).contains(owner.getName()) && owner.getUid() != null
                && owner.getUid().equals(statefulSetUids.get(pod.getMetadata().getNamespace() + "/" + owner.getName())));
    }

    /**
     * Empty when the pod has no IP yet. {@code zoneByNode}: node name → zone label; {@code claimPhases}: PVC name →
     * phase (a claim missing from the map is reported as "Missing").
     */
    public static Optional<NodeTarget> target(Pod pod, Map<String, String> zoneByNode, Map<String, String> claimPhases) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip == null || ip.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return Optional.of(new NodeTarget(pod.getMetadata().getName(), ip, clientPort(pod),
                node == null ? null : zoneByNode.get(node), IntendedRole.parse(labels.get(COMPONENT_LABEL)),
                dataVolume(pod, claimPhases)));
    }

    private static int clientPort(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
                .filter(p -> "client".equals(p.getName()))
                .map(ContainerPort::getContainerPort).filter(Objects::nonNull)
                .findFirst().orElse(CLIENT_PORT);
    }

    /** The volume mounted at /data: a PVC (with phase), ephemeral, or null when nothing is mounted there. */
    static VolumeState dataVolume(Pod pod, Map<String, String> claimPhases) {
        Optional<String> volumeName = pod.getSpec().getContainers().stream()
                .map(Container::getVolumeMounts).filter(Objects::nonNull).flatMap(java.util.List::stream)
                .filter(m -> DATA_PATH.equals(m.getMountPath())).map(m -> m.getName()).findFirst();
        if (volumeName.isEmpty()) {
            return null;
        }
        Optional<Volume> volume = Optional.ofNullable(pod.getSpec().getVolumes()).stream()
                .flatMap(java.util.List::stream).filter(v -> volumeName.get().equals(v.getName())).findFirst();
        if (volume.isPresent() && volume.get().getPersistentVolumeClaim() != null) {
            String claim = volume.get().getPersistentVolumeClaim().getClaimName();
            return new VolumeState(claim, claimPhases.getOrDefault(claim, "Missing"));
        }
        return VolumeState.ephemeral();
    }
}
