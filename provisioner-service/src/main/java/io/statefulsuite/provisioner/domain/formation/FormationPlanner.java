package io.statefulsuite.provisioner.domain.formation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides the next step towards the requested topology from what the pods report, and from nothing else, so a
 * pass interrupted at any point is resumed by the next one. Steps build on each other, so a pass stops at the
 * first that has something to do or wait for: membership, forgetting removed nodes, slots, replicas, rebalancing
 * after shards were added, failback, and finally whether every pod holds its intended role and considers the
 * cluster healthy.
 */
public final class FormationPlanner {

    private FormationPlanner() {
    }

    public static FormationPlan plan(FormationRequest request, List<NodeObservation> observations) {
        ObservedCluster cluster = new ObservedCluster(request, observations);
        if (cluster.anchor().isEmpty()) {
            return FormationPlan.waitFor(List.of("any Valkey pod to answer"));
        }
        SlotOwnership ownership = SlotOwnership.of(cluster);
        Optional<String> unsupported = SlotPlanner.unsupportedResize(cluster, ownership);
        if (unsupported.isPresent()) {
            return FormationPlan.notSupported(unsupported.get());
        }
        List<Function<ObservedCluster, FormationPlan>> steps = List.of(
                MembershipPlanner::meet,
                MembershipPlanner::forgetRemoved,
                observed -> SlotPlanner.assign(observed, ownership),
                observed -> ReplicaPlanner.place(observed, ownership),
                observed -> RebalancePlanner.plan(observed, ownership),
                ReplicaPlanner::failBack,
                FormationPlanner::verify);
        return steps.stream().map(step -> step.apply(cluster)).filter(plan -> !plan.isSettled()).findFirst()
                .orElse(FormationPlan.settled());
    }

    /**
     * Pods the spec calls for that are not up or do not answer. While there are any and nothing else can be done,
     * waiting within a pass is pointless: the next pass (after Kubernetes reports the pod) continues.
     */
    public static List<String> missingPods(FormationRequest request, List<NodeObservation> observations) {
        return new ObservedCluster(request, observations).missingPods();
    }

    /** Nothing left to do: are all pods up, in their intended roles, and is the cluster healthy everywhere? */
    private static FormationPlan verify(ObservedCluster cluster) {
        List<String> missing = cluster.missingPods();
        if (!missing.isEmpty()) {
            return FormationPlan.waitFor(List.of("pods " + missing + " to answer"));
        }
        List<String> misplaced = cluster.reachable().stream().filter(FormationPlanner::outOfRole)
                .map(observation -> observation.pod().name() + " to take its " + observation.pod().role()
                        .name().toLowerCase(java.util.Locale.ROOT) + " role")
                .toList();
        if (!misplaced.isEmpty()) {
            return FormationPlan.waitFor(misplaced);
        }
        List<String> unhealthy = cluster.reachable().stream().filter(observation -> !observation.clusterStateOk())
                .map(observation -> observation.pod().name() + " to report cluster_state:ok").toList();
        return FormationPlan.waitFor(unhealthy);
    }

    private static boolean outOfRole(NodeObservation observation) {
        ClusterNode self = observation.self();
        return observation.pod().role() == PodRole.PRIMARY ? !(self.isMaster() && self.hasSlots())
                : !(self.isReplica() && observation.masterLinkUp());
    }
}
