package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.statefulsuite.provisioner.domain.formation.ObservedCluster.CLIENT_PORT;

/**
 * Who knows whom. New pods are met from the anchor and spread by gossip; an address a node holds for a known
 * node id that is no longer that pod's IP (a full restart: nodes.conf remembers the old IPs) is re-met by every
 * node that holds it, as Valkey only repairs such addresses slowly on its own. Nodes that are no pod any more are
 * forgotten everywhere, but only when every pod the spec asks for answered and the node serves no slots.
 * CLUSTER FORGET bans the node for 60 s on the node it is sent to, so it is sent to all of them in one go.
 */
final class MembershipPlanner {

    private MembershipPlanner() {
    }

    static FormationPlan meet(ObservedCluster cluster) {
        NodeObservation anchor = cluster.anchor().orElseThrow();
        List<FormationAction> actions = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (NodeObservation pod : cluster.reachable()) {
            if (pod == anchor) {
                continue;
            }
            if (!knows(anchor, pod) || !knowsId(pod, anchor) || addressStale(pod)) {
                meetUnlessPending(anchor, pod, actions, waiting);
            }
            for (NodeObservation other : cluster.reachable()) {
                if (other != pod) {
                    meetStaleOrWait(pod, other, actions, waiting);
                }
            }
        }
        boolean anchorMet = actions.stream().anyMatch(action -> ((FormationAction.Meet) action).target() == anchor.pod());
        if (addressStale(anchor) && !anchorMet) {
            cluster.reachable().stream().filter(pod -> pod != anchor).findFirst()
                    .ifPresent(helper -> meetUnlessPending(helper, anchor, actions, waiting));
        }
        return actions.isEmpty() ? FormationPlan.waitFor(waiting) : FormationPlan.act(actions);
    }

    static FormationPlan forgetRemoved(ObservedCluster cluster) {
        if (!cluster.complete()) {
            // a pod that is down cannot tell its node id, so it would look removed; the final check reports it
            return FormationPlan.settled();
        }
        Set<String> podNodeIds = cluster.reachable().stream().map(NodeObservation::nodeId).collect(Collectors.toSet());
        List<FormationAction> actions = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (NodeObservation pod : cluster.reachable()) {
            for (ClusterNode node : pod.clusterView().others()) {
                if (podNodeIds.contains(node.id())) {
                    continue;
                }
                if (node.hasSlots()) {
                    waiting.add("node " + node.id() + " is no pod but serves slots; it cannot be forgotten");
                } else if (!node.id().equals(pod.self().masterId())) {
                    // a node cannot forget its own primary; it is forgotten once it follows a pod again
                    actions.add(new FormationAction.Forget(pod.pod(), node.id()));
                }
            }
        }
        return actions.isEmpty() ? FormationPlan.waitFor(waiting.stream().distinct().toList())
                : FormationPlan.act(actions);
    }

    private static void meetStaleOrWait(NodeObservation viewer, NodeObservation target, List<FormationAction> actions,
                                        List<String> waiting) {
        if (knows(viewer, target)) {
            return;
        }
        if (knowsId(viewer, target)) {
            meetUnlessPending(viewer, target, actions, waiting);
        } else {
            waiting.add(viewer.pod().name() + " to learn " + target.pod().name() + " by gossip");
        }
    }

    private static void meetUnlessPending(NodeObservation viewer, NodeObservation target,
                                          List<FormationAction> actions, List<String> waiting) {
        if (viewer.clusterView().handshakeWith(target.pod().ip(), CLIENT_PORT)) {
            waiting.add(viewer.pod().name() + " to finish its handshake with " + target.pod().name());
        } else {
            boolean remeet = knowsId(viewer, target) || addressStale(target);
            actions.add(new FormationAction.Meet(viewer.pod(), target.pod(), remeet));
        }
    }

    /** The viewer knows the target's node id at the target's current address. */
    private static boolean knows(NodeObservation viewer, NodeObservation target) {
        return node(viewer, target).filter(node -> node.isAt(target.pod().ip(), CLIENT_PORT)).isPresent();
    }

    private static boolean knowsId(NodeObservation viewer, NodeObservation target) {
        return node(viewer, target).isPresent();
    }

    private static Optional<ClusterNode> node(NodeObservation viewer, NodeObservation target) {
        return viewer.clusterView().node(target.nodeId()).filter(node -> !node.inHandshake());
    }

    /** The node believes it still has the address it had before it was rescheduled. */
    private static boolean addressStale(NodeObservation pod) {
        String own = pod.self().ip();
        return !own.isEmpty() && !own.equals(pod.pod().ip());
    }
}
