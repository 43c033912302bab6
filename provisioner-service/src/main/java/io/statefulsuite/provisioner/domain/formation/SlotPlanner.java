package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slots are assigned once, on an empty cluster (or one whose bootstrap was interrupted: every slot owner is a
 * primary pod serving exactly its even share), primary ordinal i taking the i-th contiguous share. Later the
 * slots only move by migration when shards are added ({@link RebalancePlanner}); removing shards is refused.
 */
final class SlotPlanner {

    private SlotPlanner() {
    }

    /** Set when the cluster serves slots from more shards than requested: removing shards is not supported. */
    static Optional<String> unsupportedResize(ObservedCluster cluster, SlotOwnership ownership) {
        int requested = cluster.request().shards();
        int serving = ownership.slotsByOwner().size();
        if (serving <= requested || interruptedBootstrap(cluster, ownership)) {
            return Optional.empty();
        }
        return Optional.of("The cluster serves its slots from " + serving + " shards; removing shards (to "
                + requested + ") is not supported. Set shards back to " + serving + ".");
    }

    static FormationPlan assign(ObservedCluster cluster, SlotOwnership ownership) {
        Map<String, Integer> owners = ownership.slotsByOwner();
        if (!owners.isEmpty() && !interruptedBootstrap(cluster, ownership)) {
            int unserved = SlotRange.SLOT_COUNT - ownership.assigned();
            return unserved == 0 ? FormationPlan.settled()
                    : FormationPlan.waitFor(List.of(unserved + " slots to be served again"));
        }
        int shards = cluster.request().shards();
        List<FormationAction> actions = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            SlotRange share = SlotRange.evenShare(shard, shards);
            Optional<NodeObservation> primary = cluster.primaryOfShard(shard);
            if (primary.isEmpty()) {
                waiting.add("primary pod of shard " + shard + " to answer before slots are assigned");
            } else if (!ownership.anyOwnedIn(share)) {
                actions.add(new FormationAction.AssignSlots(primary.get().pod(), share));
            }
        }
        return waiting.isEmpty() ? FormationPlan.act(actions) : FormationPlan.waitFor(waiting);
    }

    private static boolean interruptedBootstrap(ObservedCluster cluster, SlotOwnership ownership) {
        int shards = cluster.request().shards();
        return ownership.slotsByOwner().keySet().stream().allMatch(owner -> cluster.byNodeId(owner)
                .filter(observation -> observation.pod().role() == PodRole.PRIMARY)
                .filter(observation -> observation.pod().shard() < shards)
                .filter(observation -> ownership.ownsExactly(owner, SlotRange.evenShare(observation.pod().shard(), shards)))
                .isPresent());
    }
}
