package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.crd.ValkeyPodStatus;
import io.statefulsuite.provisioner.crd.ValkeyVolumeStatus;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.domain.SecretPassword;
import io.statefulsuite.provisioner.domain.render.StatefulSetManifest;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads what Kubernetes reports about a cluster's pods, claims and nodes, and the password Secret. */
@ApplicationScoped
public class ClusterObserver {

    private final KubernetesClient client;
    private final ApiRetry retry;

    public ClusterObserver(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** The pods and claims of a cluster, and the zone of every node its pods run on. */
    public record Observation(List<Pod> pods, List<PersistentVolumeClaim> claims, Map<String, String> nodeZones) {

        public String zoneOf(Pod pod) {
            return pod.getSpec() == null ? null : nodeZones.get(pod.getSpec().getNodeName());
        }

        /** Pods sorted by name, with the role their StatefulSet gives them. */
        public List<ValkeyPodStatus> podStatuses() {
            return pods.stream()
                    .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                    .map(pod -> new ValkeyPodStatus(pod.getMetadata().getName(),
                            pod.getMetadata().getLabels().get(ClusterLabels.COMPONENT), zoneOf(pod),
                            pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                            pod.getStatus() == null ? null : pod.getStatus().getPodIP(), isReady(pod)))
                    .toList();
        }

        /** Claims sorted by name, with the pod using each ({@code data-<pod>}) and that pod's zone. */
        public List<ValkeyVolumeStatus> volumeStatuses() {
            Map<String, Pod> podsByName = pods.stream()
                    .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), pod -> pod));
            return claims.stream()
                    .sorted(Comparator.comparing(claim -> claim.getMetadata().getName()))
                    .map(claim -> {
                        String podName = podOf(claim);
                        Pod pod = podsByName.get(podName);
                        return new ValkeyVolumeStatus(claim.getMetadata().getName(), phaseOf(claim),
                                capacityOf(claim), claim.getSpec() == null ? null : claim.getSpec().getStorageClassName(),
                                podName, pod == null ? null : zoneOf(pod));
                    })
                    .toList();
        }

        public static boolean isRunningWithIp(Pod pod) {
            return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                    && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty()
                    && pod.getMetadata().getDeletionTimestamp() == null;
        }

        public static boolean isReady(Pod pod) {
            return pod.getStatus() != null && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        }

        private static String podOf(PersistentVolumeClaim claim) {
            String name = claim.getMetadata().getName();
            String prefix = ClusterNames.DATA_VOLUME + "-";
            return name.startsWith(prefix) ? name.substring(prefix.length()) : null;
        }

        private static String phaseOf(PersistentVolumeClaim claim) {
            return claim.getStatus() == null ? null : claim.getStatus().getPhase();
        }

        private static String capacityOf(PersistentVolumeClaim claim) {
            if (claim.getStatus() == null || claim.getStatus().getCapacity() == null) {
                return null;
            }
            Quantity storage = claim.getStatus().getCapacity().get("storage");
            return storage == null ? null : storage.toString();
        }
    }

    public Observation observe(String namespace, Map<String, String> selector) {
        List<Pod> labelled = retry.call("list pods", () ->
                client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
        List<Pod> pods = labelled.isEmpty() ? labelled : controlledByTheirCluster(labelled, statefulSetUids(namespace, selector));
        List<PersistentVolumeClaim> claims = retry.call("list claims", () ->
                client.persistentVolumeClaims().inNamespace(namespace).withLabels(selector).list().getItems());
        return new Observation(pods, claims, nodeZones(pods));
    }

    /**
     * Only pods whose controller is their cluster's StatefulSet, matched by UID: anyone who may create a pod in the
     * namespace can copy the labels, and such a pod must never be joined to the cluster or handed its password.
     */
    static List<Pod> controlledByTheirCluster(List<Pod> pods, Map<String, String> statefulSetUids) {
        return pods.stream().filter(pod -> controller(pod)
                .filter(owner -> "StatefulSet".equals(owner.getKind()) && "apps/v1".equals(owner.getApiVersion()))
                .filter(owner -> ownStatefulSetNames(pod).contains(owner.getName()))
                .filter(owner -> owner.getUid() != null && owner.getUid().equals(statefulSetUids.get(owner.getName())))
                .isPresent()).toList();
    }

    private static Optional<OwnerReference> controller(Pod pod) {
        return Objects.requireNonNullElse(pod.getMetadata().getOwnerReferences(), List.<OwnerReference>of()).stream()
                .filter(owner -> Boolean.TRUE.equals(owner.getController())).findFirst();
    }

    private static List<String> ownStatefulSetNames(Pod pod) {
        String cluster = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of())
                .get(ClusterLabels.INSTANCE);
        return cluster == null ? List.of() : Stream.of(Component.PRIMARY, Component.REPLICA)
                .map(component -> ClusterNames.statefulSet(cluster, component)).toList();
    }

    private Map<String, String> statefulSetUids(String namespace, Map<String, String> selector) {
        return retry.call("list statefulsets", () ->
                        client.apps().statefulSets().inNamespace(namespace).withLabels(selector).list().getItems())
                .stream().collect(Collectors.toMap(set -> set.getMetadata().getName(), set -> set.getMetadata().getUid(),
                        (first, second) -> first));
    }

    /**
     * The password from the Secret, or empty when the Secret or key is missing. The value goes straight to the
     * cluster formation and is never logged or stored.
     */
    public Optional<String> password(String namespace, String secretName, String key) {
        Secret secret = retry.call("get secret", () ->
                client.secrets().inNamespace(namespace).withName(secretName).get());
        if (secret == null) {
            return Optional.empty();
        }
        return SecretValues.of(secret, key)
                .map(value -> SecretPassword.fromSecretValue(new String(value, StandardCharsets.UTF_8)));
    }

    private Map<String, String> nodeZones(List<Pod> pods) {
        Map<String, String> zones = new HashMap<>();
        pods.stream()
                .map(pod -> pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                .filter(Objects::nonNull)
                .distinct()
                .forEach(nodeName -> zone(nodeName).ifPresent(zone -> zones.put(nodeName, zone)));
        return zones;
    }

    private Optional<String> zone(String nodeName) {
        Node node = retry.call("get node", () -> client.nodes().withName(nodeName).get());
        return Optional.ofNullable(node)
                .map(n -> n.getMetadata().getLabels())
                .map(labels -> labels.get(StatefulSetManifest.ZONE_LABEL));
    }
}
