package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which pod follows which shard. Each shard gets replicasPerShard followers, each in a zone other than its
 * primary's when there is one; replica ordinal j prefers shard j % shards. A follower already well placed stays
 * where it is (re-pointing a replica costs a full resync). A shard led by a replica pod while its primary pod
 * follows it in sync is failed back.
 */
final class ReplicaPlanner {

    private final ObservedCluster cluster;
    private final Map<String, NodeObservation> shardLeaders = new HashMap<>();
    private final Map<String, Integer> followers = new HashMap<>();

    private ReplicaPlanner(ObservedCluster cluster, SlotOwnership ownership) {
        this.cluster = cluster;
        ownership.slotsByOwner().keySet().forEach(owner -> cluster.byNodeId(owner).ifPresent(this::lead));
        cluster.newShardPrimaries(ownership.slotsByOwner().size()).forEach(this::lead);
    }

    private void lead(NodeObservation leader) {
        shardLeaders.put(leader.nodeId(), leader);
        followers.put(leader.nodeId(), 0);
    }

    static FormationPlan place(ObservedCluster cluster, SlotOwnership ownership) {
        return new ReplicaPlanner(cluster, ownership).place(ownership.slotsByOwner().size());
    }

    static FormationPlan failBack(ObservedCluster cluster) {
        List<FormationAction> actions = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (NodeObservation primaryPod : cluster.reachable(PodRole.PRIMARY)) {
            if (!primaryPod.self().isReplica()) {
                continue;
            }
            Optional<NodeObservation> leader = cluster.byNodeId(primaryPod.self().masterId());
            String name = primaryPod.pod().name();
            if (leader.isEmpty() || leader.get().pod().role() != PodRole.REPLICA) {
                waiting.add(name + " follows " + leader.map(l -> l.pod().name()).orElse("an unreachable node")
                        + " instead of leading its shard");
            } else if (!primaryPod.masterLinkUp()) {
                waiting.add(name + " to catch up with " + leader.get().pod().name() + " before failing back");
            } else {
                actions.add(new FormationAction.Failover(primaryPod.pod(), leader.get().pod(),
                        FormationAction.Failover.Reason.FAILBACK));
            }
        }
        return actions.isEmpty() ? FormationPlan.waitFor(waiting) : FormationPlan.act(actions);
    }

    private FormationPlan place(int shardsServing) {
        if (shardLeaders.size() < Math.max(shardsServing, cluster.request().shards())) {
            return FormationPlan.waitFor(List.of("every shard's primary to answer before placing replicas"));
        }
        List<NodeObservation> unplaced = new ArrayList<>();
        cluster.reachable(PodRole.PRIMARY).stream().filter(pod -> pod.self().isReplica())
                .forEach(pod -> followers.computeIfPresent(pod.self().masterId(), (id, count) -> count + 1));
        for (NodeObservation replica : cluster.reachable(PodRole.REPLICA)) {
            if (!shardLeaders.containsKey(replica.nodeId()) && !keepInOtherZone(replica)) {
                unplaced.add(replica);
            }
        }
        List<NodeObservation> movable = unplaced.stream().filter(replica -> !keepAsLastResort(replica)).toList();
        Map<NodeObservation, NodeObservation> inOtherZones = matchInOtherZones(movable);
        inOtherZones.values().forEach(leader -> followers.merge(leader.nodeId(), 1, Integer::sum));
        List<FormationAction> actions = new ArrayList<>();
        for (NodeObservation replica : movable) {
            Optional.ofNullable(inOtherZones.get(replica)).or(() -> chooseLeader(replica)).ifPresent(leader -> {
                if (!inOtherZones.containsKey(replica)) {
                    followers.merge(leader.nodeId(), 1, Integer::sum);
                }
                actions.add(new FormationAction.Replicate(replica.pod(), leader.pod(), leader.nodeId()));
            });
        }
        cluster.reachable(PodRole.PRIMARY).stream()
                .filter(pod -> pod.self().isMaster() && !pod.self().hasSlots() && pod.pod().shard() < shardsServing)
                .forEach(pod -> adoptReturningPrimary(pod).ifPresent(actions::add));
        return FormationPlan.act(actions);
    }

    private boolean keepInOtherZone(NodeObservation replica) {
        String leaderId = replica.self().masterId();
        boolean keep = replica.self().isReplica() && shardLeaders.containsKey(leaderId)
                && !sameZone(replica, shardLeaders.get(leaderId)) && followers.get(leaderId) < replicasPerShard();
        if (keep) {
            followers.merge(leaderId, 1, Integer::sum);
        }
        return keep;
    }

    /** A follower in its primary's zone stays when no primary in another zone has room for it. */
    private boolean keepAsLastResort(NodeObservation replica) {
        String leaderId = replica.self().masterId();
        boolean keep = replica.self().isReplica() && shardLeaders.containsKey(leaderId)
                && followers.get(leaderId) < replicasPerShard() && candidates(replica, true).isEmpty();
        if (keep) {
            followers.merge(leaderId, 1, Integer::sum);
        }
        return keep;
    }

    /** For replicas that no primary in another zone could take: the best primary with room, even in its zone. */
    private Optional<NodeObservation> chooseLeader(NodeObservation replica) {
        List<NodeObservation> otherZone = candidates(replica, true);
        List<NodeObservation> pool = otherZone.isEmpty() ? candidates(replica, false) : otherZone;
        return pool.stream().min(preference(replica));
    }

    /**
     * As many replicas as possible follow a primary in another zone: a maximum matching by augmenting paths
     * (Kuhn's algorithm over the primaries' free places). Choosing greedily one replica after the other can leave
     * the last one with only its own zone's primary, when pods are spread one per zone.
     */
    private Map<NodeObservation, NodeObservation> matchInOtherZones(List<NodeObservation> replicas) {
        Map<NodeObservation, NodeObservation> leaderOf = new HashMap<>();
        Map<String, List<NodeObservation>> taken = new HashMap<>();
        for (NodeObservation replica : replicas) {
            augment(replica, leaderOf, taken, new HashSet<>());
        }
        return leaderOf;
    }

    private boolean augment(NodeObservation replica, Map<NodeObservation, NodeObservation> leaderOf,
                            Map<String, List<NodeObservation>> taken, Set<String> visited) {
        List<NodeObservation> options = candidates(replica, true).stream().sorted(preference(replica)).toList();
        for (NodeObservation leader : options) {
            if (!visited.add(leader.nodeId())) {
                continue;
            }
            List<NodeObservation> followersOfLeader = taken.computeIfAbsent(leader.nodeId(), id -> new ArrayList<>());
            boolean room = followers.get(leader.nodeId()) + followersOfLeader.size() < replicasPerShard();
            Optional<NodeObservation> displaced = room ? Optional.empty() : followersOfLeader.stream()
                    .filter(other -> augment(other, leaderOf, taken, visited)).findFirst();
            if (room || displaced.isPresent()) {
                displaced.ifPresent(followersOfLeader::remove);
                followersOfLeader.add(replica);
                leaderOf.put(replica, leader);
                return true;
            }
        }
        return false;
    }

    private Comparator<NodeObservation> preference(NodeObservation replica) {
        int preferredShard = replica.pod().shard();
        return Comparator.comparing((NodeObservation leader) -> leader.pod().shard() != preferredShard)
                .thenComparing(leader -> followers.get(leader.nodeId()))
                .thenComparing(leader -> leader.pod().shard());
    }

    private List<NodeObservation> candidates(NodeObservation replica, boolean otherZoneOnly) {
        return shardLeaders.values().stream()
                .filter(leader -> followers.get(leader.nodeId()) < replicasPerShard())
                .filter(leader -> !otherZoneOnly || !sameZone(replica, leader))
                .toList();
    }

    /**
     * A primary pod that came back empty (its volume was lost) follows the shard its replica pod took over, so
     * that it can be failed back to once in sync.
     */
    private Optional<FormationAction> adoptReturningPrimary(NodeObservation primaryPod) {
        return shardLeaders.values().stream()
                .filter(leader -> leader.pod().role() == PodRole.REPLICA)
                .min(Comparator.comparing((NodeObservation leader) -> sameZone(primaryPod, leader))
                        .thenComparing(leader -> leader.pod().shard() != primaryPod.pod().shard()))
                .map(leader -> new FormationAction.Replicate(primaryPod.pod(), leader.pod(), leader.nodeId()));
    }

    private int replicasPerShard() {
        return cluster.request().replicasPerShard();
    }

    private static boolean sameZone(NodeObservation a, NodeObservation b) {
        return a.pod().sharesZoneWith(b.pod());
    }
}
