package io.statefulsuite.provisioner.domain.rollout;

import io.statefulsuite.provisioner.domain.formation.Handover;
import io.statefulsuite.provisioner.domain.formation.NodeObservation;
import io.statefulsuite.provisioner.domain.formation.PodRole;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides the next step of a rolling update (new image, config, resources) from what Kubernetes and the Valkey
 * nodes report now, so a restarted provisioner simply carries on. One pod at a time, and only while the cluster is
 * otherwise whole (every pod present and ready, every node answering with {@code cluster_state:ok}), which keeps
 * within the PodDisruptionBudget's maxUnavailable of 1. Pods that serve no slots go first (replicas, highest
 * ordinal first); a pod that serves slots hands them to an in-sync replica of its shard before it is deleted, so
 * no primary is ever deleted while it is one. Failback, which formation does anyway, later moves the primary role
 * back to the re-created {@code <c>-primary} pod.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {
    }

    /**
     * @param pods             the cluster's running pods
     * @param nodes            what each of them reported over the Valkey protocol
     * @param expectedPods     how many pods the spec asks for
     * @param replicasPerShard with none, a primary cannot hand over: it is restarted with its slots, which are then
     *                         unavailable until it is back (its data stays on its volume)
     */
    public static RolloutStep next(List<RolloutPod> pods, List<NodeObservation> nodes, int expectedPods,
                                   int replicasPerShard) {
        List<RolloutPod> outdated = pods.stream().filter(pod -> !pod.updated()).toList();
        if (outdated.isEmpty()) {
            return new RolloutStep.Done();
        }
        Map<String, NodeObservation> byPod = nodes.stream()
                .collect(Collectors.toMap(node -> node.pod().name(), Function.identity(), (a, b) -> a));
        Optional<String> unhealthy = unhealthy(pods, byPod, expectedPods);
        if (unhealthy.isPresent()) {
            return new RolloutStep.Wait(unhealthy.get());
        }
        RolloutPod next = outdated.stream().min(replacementOrder(byPod)).orElseThrow();
        if (!Handover.servesSlots(byPod.get(next.name()))) {
            return new RolloutStep.Replace(next.pod(), Optional.empty(), "");
        }
        Optional<NodeObservation> successor = Handover.successor(nodes, next.pod());
        if (successor.isPresent()) {
            return new RolloutStep.Replace(next.pod(), successor.map(NodeObservation::pod), "");
        }
        if (replicasPerShard == 0) {
            return new RolloutStep.Replace(next.pod(), Optional.empty(), "shard " + next.pod().shard()
                    + " has no replica, so its slots are unavailable until the pod is back");
        }
        return new RolloutStep.Wait("no replica of shard " + next.pod().shard() + " is in sync to take over from "
                + next.name());
    }

    private static Optional<String> unhealthy(List<RolloutPod> pods, Map<String, NodeObservation> nodes,
                                              int expectedPods) {
        if (pods.size() < expectedPods) {
            return Optional.of(pods.size() + " of " + expectedPods + " pods running");
        }
        for (RolloutPod pod : pods.stream().sorted(Comparator.comparing(RolloutPod::name)).toList()) {
            NodeObservation node = nodes.get(pod.name());
            if (!pod.ready()) {
                return Optional.of(pod.name() + " to become ready");
            }
            if (node == null || !node.reachable()) {
                return Optional.of(pod.name() + " to answer" + Optional.ofNullable(node)
                        .flatMap(NodeObservation::problem).map(problem -> " (" + problem + ")").orElse(""));
            }
            if (!node.clusterStateOk()) {
                return Optional.of("cluster_state ok on " + pod.name());
            }
        }
        return Optional.empty();
    }

    /** Pods without slots first, then those of the replica StatefulSet, then the highest ordinal. */
    private static Comparator<RolloutPod> replacementOrder(Map<String, NodeObservation> nodes) {
        return Comparator.comparing((RolloutPod pod) -> Handover.servesSlots(nodes.get(pod.name())))
                .thenComparing(pod -> pod.pod().role() != PodRole.REPLICA)
                .thenComparing(RolloutPod::ordinal, Comparator.reverseOrder());
    }
}
