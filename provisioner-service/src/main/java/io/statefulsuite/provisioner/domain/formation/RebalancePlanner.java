package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads the slots evenly over the shards after shards were added. The fewest slots move: every primary keeps
 * the head of what it serves and hands the surplus at its tail to primaries below their share, so a pass cut short
 * picks the same slots again.
 */
final class RebalancePlanner {

    private RebalancePlanner() {
    }

    static FormationPlan plan(ObservedCluster cluster, SlotOwnership ownership) {
        List<NodeObservation> leaders = leaders(cluster, ownership);
        int shards = cluster.request().shards();
        if (leaders.size() < shards) {
            return FormationPlan.waitFor(List.of("the primaries of all " + shards + " shards to answer before slots"
                    + " are rebalanced"));
        }
        Map<String, Integer> counts = ownership.slotsByOwner();
        int fewest = leaders.stream().mapToInt(leader -> counts.getOrDefault(leader.nodeId(), 0)).min().orElse(0);
        int most = leaders.stream().mapToInt(leader -> counts.getOrDefault(leader.nodeId(), 0)).max().orElse(0);
        if (most - fewest <= 1) {
            return FormationPlan.settled();
        }
        List<String> notReady = leaders.stream().filter(leader -> !leader.clusterStateOk())
                .map(leader -> leader.pod().name() + " to report cluster_state:ok before slots move").toList();
        if (!notReady.isEmpty()) {
            // a target that still considers the cluster down refuses migrated keys with CLUSTERDOWN
            return FormationPlan.waitFor(notReady);
        }
        return FormationPlan.act(moves(leaders, shares(leaders, counts), ownership));
    }

    /** Slot owners plus the empty primaries of new shards. */
    private static List<NodeObservation> leaders(ObservedCluster cluster, SlotOwnership ownership) {
        List<NodeObservation> leaders = new ArrayList<>();
        ownership.slotsByOwner().keySet().forEach(owner -> cluster.byNodeId(owner).ifPresent(leaders::add));
        leaders.addAll(cluster.newShardPrimaries(ownership.slotsByOwner().size()));
        return leaders;
    }

    /** Each leader's share; those serving the most keep the remainder's extra slot. */
    private static Map<String, Integer> shares(List<NodeObservation> leaders, Map<String, Integer> counts) {
        List<NodeObservation> byCount = leaders.stream().sorted(Comparator
                .comparing((NodeObservation leader) -> -counts.getOrDefault(leader.nodeId(), 0))
                .thenComparing(leader -> leader.pod().shard())).toList();
        int base = SlotRange.SLOT_COUNT / leaders.size();
        int remainder = SlotRange.SLOT_COUNT % leaders.size();
        Map<String, Integer> shares = new HashMap<>();
        for (int i = 0; i < byCount.size(); i++) {
            shares.put(byCount.get(i).nodeId(), base + (i < remainder ? 1 : 0));
        }
        return shares;
    }

    private static List<FormationAction> moves(List<NodeObservation> leaders, Map<String, Integer> shares,
                                               SlotOwnership ownership) {
        List<Integer> surplus = new ArrayList<>();
        List<NodeObservation> sources = new ArrayList<>();
        for (NodeObservation leader : leaders) {
            List<Integer> slots = ownership.slotsOf(leader.nodeId());
            for (int slot : slots.subList(Math.min(shares.get(leader.nodeId()), slots.size()), slots.size())) {
                surplus.add(slot);
                sources.add(leader);
            }
        }
        List<FormationAction> moves = new ArrayList<>();
        int next = 0;
        for (NodeObservation receiver : leaders) {
            int deficit = shares.get(receiver.nodeId()) - ownership.slotsOf(receiver.nodeId()).size();
            for (int taken = 0; taken < deficit && next < surplus.size(); taken++, next++) {
                addSlot(moves, sources.get(next), receiver, surplus.get(next), leaders);
            }
        }
        return moves;
    }

    /** Extends the last move when the slot continues it, so contiguous slots travel as one range. */
    private static void addSlot(List<FormationAction> moves, NodeObservation source, NodeObservation target, int slot,
                                List<NodeObservation> leaders) {
        if (!moves.isEmpty() && moves.get(moves.size() - 1) instanceof FormationAction.MigrateSlots last
                && last.sourceId().equals(source.nodeId()) && last.targetId().equals(target.nodeId())
                && last.range().end() == slot - 1) {
            moves.set(moves.size() - 1, new FormationAction.MigrateSlots(last.on(), last.sourceId(), last.target(),
                    last.targetId(), new SlotRange(last.range().start(), slot), last.otherPrimaries()));
            return;
        }
        List<ValkeyPod> others = leaders.stream().filter(leader -> leader != source && leader != target)
                .map(NodeObservation::pod).toList();
        moves.add(new FormationAction.MigrateSlots(source.pod(), source.nodeId(), target.pod(), target.nodeId(),
                new SlotRange(slot, slot), others));
    }
}
