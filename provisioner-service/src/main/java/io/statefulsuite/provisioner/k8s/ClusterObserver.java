package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.crd.ValkeyPodStatus;
import io.statefulsuite.provisioner.crd.ValkeyVolumeStatus;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.SecretPassword;
import io.statefulsuite.provisioner.domain.StartupBlocker;
import io.statefulsuite.provisioner.manifests.StatefulSetManifest;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads what Kubernetes reports about a cluster's pods, claims and nodes, and the password Secret. */
@ApplicationScoped
public class ClusterObserver {

    /** Set on a claim by the scheduler when it has chosen a node for the claim's pod (WaitForFirstConsumer). */
    private static final String SELECTED_NODE_ANNOTATION = "volume.kubernetes.io/selected-node";

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
     * Why pods {@code spec} wants do not run, when Kubernetes has said so ({@link StartupBlocker}). Costs no request
     * beyond {@link #observe} unless pods are missing (one list of Events, whose FailedCreate says why) or claims of
     * pods the scheduler turned away are unbound (a get of their StorageClass).
     */
    public Optional<StartupBlocker> startupBlocker(String namespace, String cluster, ResolvedSpec spec,
                                                   Observation observed) {
        Set<String> missing = new TreeSet<>(spec.podNames(cluster));
        observed.pods().forEach(pod -> missing.remove(pod.getMetadata().getName()));
        StartupBlocker.Facts facts = new StartupBlocker.Facts(missing,
                missing.isEmpty() ? List.of() : statefulSetEvents(namespace, cluster),
                unscheduled(observed.pods()), unbound(observed.claims()));
        return StartupBlocker.find(facts, this::bindingOf);
    }

    /**
     * The Events of the cluster's two StatefulSets, picked from all of the namespace's: one field selector cannot name
     * both, and Events live an hour, so the list stays short; it is read only while pods are missing anyway.
     */
    private List<StartupBlocker.StatefulSetEvent> statefulSetEvents(String namespace, String cluster) {
        Set<String> statefulSets = Set.of(ClusterNames.statefulSet(cluster, Component.PRIMARY),
                ClusterNames.statefulSet(cluster, Component.REPLICA));
        return retry.call("list events", () -> client.v1().events().inNamespace(namespace).list().getItems()).stream()
                .filter(event -> event.getInvolvedObject() != null
                        && "StatefulSet".equals(event.getInvolvedObject().getKind())
                        && statefulSets.contains(event.getInvolvedObject().getName()))
                .map(event -> new StartupBlocker.StatefulSetEvent(event.getReason(), event.getMessage(),
                        lastSeen(event)))
                .toList();
    }

    /** When an Event last happened: repeated Events keep one object whose lastTimestamp moves on. */
    private static Instant lastSeen(Event event) {
        String eventTime = event.getEventTime() == null ? null : event.getEventTime().getTime();
        String created = event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp();
        return Stream.of(event.getLastTimestamp(), eventTime, event.getFirstTimestamp(), created)
                .filter(Objects::nonNull)
                .findFirst()
                .flatMap(ClusterObserver::instant)
                .orElse(Instant.EPOCH);
    }

    private static Optional<Instant> instant(String timestamp) {
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<StartupBlocker.UnscheduledPod> unscheduled(List<Pod> pods) {
        return pods.stream().flatMap(pod -> notScheduled(pod)
                        .map(c -> new StartupBlocker.UnscheduledPod(pod.getMetadata().getName(), c.getReason(),
                                Objects.requireNonNullElse(c.getMessage(), "(no message)")))
                        .stream())
                .toList();
    }

    /** The pod's PodScheduled condition when False: the scheduler has tried and found no place for it. */
    private static Optional<PodCondition> notScheduled(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return Objects.requireNonNullElse(conditions, List.<PodCondition>of()).stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .findFirst();
    }

    private static List<StartupBlocker.UnboundClaim> unbound(List<PersistentVolumeClaim> claims) {
        return claims.stream()
                .filter(claim -> !"Bound".equals(Observation.phaseOf(claim)))
                .map(claim -> new StartupBlocker.UnboundClaim(claim.getMetadata().getName(), Observation.podOf(claim),
                        Objects.requireNonNullElse(Observation.phaseOf(claim), "Pending"),
                        claim.getSpec() == null ? null : claim.getSpec().getStorageClassName(),
                        Objects.requireNonNullElse(claim.getMetadata().getAnnotations(), Map.<String, String>of())
                                .containsKey(SELECTED_NODE_ANNOTATION)))
                .toList();
    }

    /**
     * How a claim's StorageClass binds. A claim without a class name asks for none (admission would have given it the
     * default class at creation): it binds to a matching existing volume at once, as with an immediate class.
     */
    private StartupBlocker.ClassBinding bindingOf(String storageClassName) {
        if (storageClassName == null) {
            return StartupBlocker.ClassBinding.IMMEDIATE;
        }
        StorageClass storageClass = retry.call("get StorageClass", () ->
                client.storage().v1().storageClasses().withName(storageClassName).get());
        if (storageClass == null) {
            return StartupBlocker.ClassBinding.MISSING;
        }
        return "WaitForFirstConsumer".equals(storageClass.getVolumeBindingMode())
                ? StartupBlocker.ClassBinding.WAIT_FOR_FIRST_CONSUMER : StartupBlocker.ClassBinding.IMMEDIATE;
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
