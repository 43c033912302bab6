package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * kube-scheduler for the simulated nodes, through the API as the real one works: it filters nodes as
 * {@link NodeFilters} and {@link PodVolumes} say, prefers the least loaded node, names the node on claims still to be
 * provisioned (and waits for them to bind), then binds the pod with the {@code binding} subresource. A pod that fits
 * nowhere gets {@code PodScheduled=False}, reason {@code Unschedulable}, and a {@code FailedScheduling} event in
 * kube-scheduler's words; both, and the log line, only when the reason changes, not on every pass.
 */
public final class Scheduler {

    static final String NAME = "default-scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private final KubernetesClient client;
    private final List<String> nodeNames;
    private final SchedulingEvents events;
    /** The reason last reported per pod uid, so that an unchanged one is not reported again. */
    private final Map<String, String> reported = new HashMap<>();
    /** Pods waiting for their claims on a chosen node, by uid: counted as placed there, as the scheduler assumes. */
    private final Map<String, String> assumed = new HashMap<>();

    public Scheduler(KubernetesClient client, List<String> nodeNames) {
        this.client = client;
        this.nodeNames = nodeNames;
        this.events = new SchedulingEvents(client);
    }

    public void scheduleAll() {
        List<Node> nodes = nodeNames.stream().map(name -> client.nodes().withName(name).get())
                .filter(Objects::nonNull).toList();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        PodVolumes.Snapshot volumes = PodVolumes.Snapshot.read(client);
        List<Pod> pending = pods.stream().filter(Scheduler::isPending).toList();
        Set<String> pendingUids = pending.stream().map(pod -> pod.getMetadata().getUid()).collect(Collectors.toSet());
        reported.keySet().retainAll(pendingUids);
        assumed.keySet().retainAll(pendingUids);
        List<Pod> placed = new ArrayList<>(pods.stream().filter(Scheduler::isPlaced).toList());
        for (Pod pod : pending) {
            schedule(pod, nodes, placed, volumes);
        }
    }

    private void schedule(Pod pod, List<Node> nodes, List<Pod> placed, PodVolumes.Snapshot cluster) {
        PodVolumes volumes = PodVolumes.of(pod, cluster);
        if (volumes.blocker().isPresent()) {
            reportUnschedulable(pod, Unschedulable.beforeFiltering(nodes.size(), volumes.blocker().get()));
            return;
        }
        List<Pod> others = placed.stream().filter(other -> !sameUid(other, pod)).toList();
        Map<Node, String> rejections = new HashMap<>();
        for (Node node : nodes) {
            Optional<String> rejection = volumes.fits(node) ? NodeFilters.rejection(pod, node, nodes, others)
                    : Optional.of(PodVolumes.NODE_CONFLICT);
            rejection.ifPresent(reason -> rejections.put(node, reason));
        }
        Optional<Node> chosen = chosenNode(pod, nodes, rejections, others);
        if (chosen.isEmpty()) {
            reportUnschedulable(pod, Unschedulable.message(nodes.size(), rejections.values()));
            return;
        }
        placed.add(assumedOn(pod, chosen.get()));
        if (volumes.unbound().isEmpty()) {
            bind(pod, chosen.get());
        } else {
            assumed.put(pod.getMetadata().getUid(), chosen.get().getMetadata().getName());
            volumes.unbound().forEach(claim -> selectNode(claim, chosen.get()));
        }
    }

    /** The node this pod already waits on, while it still fits, else the least loaded node that fits. */
    private Optional<Node> chosenNode(Pod pod, List<Node> nodes, Map<Node, String> rejections, List<Pod> placed) {
        List<Node> fitting = nodes.stream().filter(node -> !rejections.containsKey(node)).toList();
        String waitingOn = assumed.get(pod.getMetadata().getUid());
        return fitting.stream().filter(node -> node.getMetadata().getName().equals(waitingOn)).findFirst()
                .or(() -> fitting.stream().min(Comparator.comparingLong(node -> podsOn(node, placed))));
    }

    private void selectNode(PersistentVolumeClaim claim, Node node) {
        String nodeName = node.getMetadata().getName();
        Map<String, String> annotations = Optional.ofNullable(claim.getMetadata().getAnnotations()).orElse(Map.of());
        if (!nodeName.equals(annotations.get(PodVolumes.SELECTED_NODE))) {
            try {
                client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                        .withName(claim.getMetadata().getName())
                        .edit(current -> new PersistentVolumeClaimBuilder(current).editMetadata()
                                .addToAnnotations(PodVolumes.SELECTED_NODE, nodeName).endMetadata().build());
            } catch (KubernetesClientException e) {
                LOG.debug("Claim {} not annotated this pass: {}", claim.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private void bind(Pod pod, Node node) {
        String namespace = pod.getMetadata().getNamespace();
        try {
            client.bindings().inNamespace(namespace).resource(new BindingBuilder()
                    .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(namespace)
                    .withUid(pod.getMetadata().getUid()).endMetadata()
                    .withNewTarget().withApiVersion("v1").withKind("Node").withName(node.getMetadata().getName())
                    .endTarget().build()).create();
            assumed.remove(pod.getMetadata().getUid());
            LOG.info("Scheduled {}/{} on {}", namespace, pod.getMetadata().getName(), node.getMetadata().getName());
        } catch (KubernetesClientException e) {
            LOG.debug("Binding {} deferred: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    private void reportUnschedulable(Pod pod, String message) {
        String uid = pod.getMetadata().getUid();
        assumed.remove(uid);
        if (message.equals(reported.get(uid))) {
            return;
        }
        try {
            writeCondition(pod, message);
            events.failedScheduling(pod, message);
            reported.put(uid, message);
            LOG.warn("Cannot schedule {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    message);
        } catch (KubernetesClientException e) {
            LOG.debug("Unschedulable {} not reported this pass: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    private void writeCondition(Pod pod, String message) {
        PodCondition scheduled = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                .withReason(Unschedulable.REASON).withMessage(message)
                .withLastTransitionTime(Instant.now().toString()).build();
        PodStatus status = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
        List<PodCondition> conditions = new ArrayList<>(Optional.ofNullable(status.getConditions()).orElse(List.of()));
        conditions.removeIf(condition -> "PodScheduled".equals(condition.getType()));
        conditions.add(scheduled);
        status.setConditions(conditions);
        if (status.getPhase() == null) {
            status.setPhase("Pending");
        }
        pod.setStatus(status);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
    }

    private static Pod assumedOn(Pod pod, Node node) {
        return new PodBuilder(pod).editSpec().withNodeName(node.getMetadata().getName()).endSpec().build();
    }

    private static boolean isPending(Pod pod) {
        return pod.getSpec().getNodeName() == null && pod.getMetadata().getDeletionTimestamp() == null
                && NAME.equals(Optional.ofNullable(pod.getSpec().getSchedulerName()).orElse(NAME));
    }

    private static boolean isPlaced(Pod pod) {
        return pod.getSpec().getNodeName() != null && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static boolean sameUid(Pod one, Pod other) {
        return Objects.equals(one.getMetadata().getUid(), other.getMetadata().getUid());
    }

    private static long podsOn(Node node, List<Pod> pods) {
        return pods.stream().filter(pod -> node.getMetadata().getName().equals(pod.getSpec().getNodeName())).count();
    }
}
