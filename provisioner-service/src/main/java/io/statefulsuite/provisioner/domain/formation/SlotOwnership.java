package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who serves each slot: every reachable node's claim on its own slots, plus the claims others report for nodes
 * that did not answer and are not failing. Conflicting claims (a returning primary that has not yet heard it was
 * replaced) are settled as Valkey settles them: the higher config epoch wins.
 */
final class SlotOwnership {

    private final String[] owners = new String[SlotRange.SLOT_COUNT];
    private final long[] epochs = new long[SlotRange.SLOT_COUNT];

    static SlotOwnership of(ObservedCluster cluster) {
        SlotOwnership ownership = new SlotOwnership();
        cluster.reachable().forEach(observation -> ownership.claim(observation.self()));
        cluster.reachable().forEach(observation -> observation.clusterView().others().stream()
                .filter(node -> node.isMaster() && !node.isFailing() && !cluster.isReachableNode(node.id()))
                .forEach(ownership::claim));
        return ownership;
    }

    private void claim(ClusterNode node) {
        for (SlotRange range : node.slots()) {
            for (int slot = range.start(); slot <= range.end(); slot++) {
                if (owners[slot] == null || node.configEpoch() > epochs[slot]) {
                    owners[slot] = node.id();
                    epochs[slot] = node.configEpoch();
                }
            }
        }
    }

    /** Node id → number of slots it serves, in slot order. */
    Map<String, Integer> slotsByOwner() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String owner : owners) {
            if (owner != null) {
                counts.merge(owner, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The slots a node serves, ascending. */
    List<Integer> slotsOf(String nodeId) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < owners.length; slot++) {
            if (nodeId.equals(owners[slot])) {
                slots.add(slot);
            }
        }
        return slots;
    }

    int assigned() {
        return (int) Arrays.stream(owners).filter(owner -> owner != null).count();
    }

    boolean ownsExactly(String nodeId, SlotRange range) {
        for (int slot = range.start(); slot <= range.end(); slot++) {
            if (!nodeId.equals(owners[slot])) {
                return false;
            }
        }
        return slotsByOwner().getOrDefault(nodeId, 0) == range.size();
    }

    boolean anyOwnedIn(SlotRange range) {
        for (int slot = range.start(); slot <= range.end(); slot++) {
            if (owners[slot] != null) {
                return true;
            }
        }
        return false;
    }
}
