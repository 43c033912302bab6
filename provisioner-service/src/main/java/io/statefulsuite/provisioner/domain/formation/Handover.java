package io.statefulsuite.provisioner.domain.formation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who takes over a primary's slots before its pod is restarted (a planned CLUSTER FAILOVER): an answering replica
 * of it whose replication link is up and that has (nearly) caught up with its offset, one in another zone when
 * there is one. CLUSTER FAILOVER (without FORCE) itself lets the replica catch up the last bytes while the primary
 * pauses its clients; the lag bound only keeps out a replica that is still far behind, e.g. in a full resync.
 */
public final class Handover {

    /** How far (in replication-stream bytes) a replica may trail its primary and still count as in sync. */
    public static final long MAX_LAG_BYTES = 1024 * 1024;

    private Handover() {
    }

    /** The replica to hand {@code primary}'s slots to; empty when it serves none or no replica is in sync. */
    public static Optional<NodeObservation> successor(List<NodeObservation> observations, ValkeyPod primary) {
        Optional<NodeObservation> leader = observations.stream()
                .filter(observation -> observation.pod().name().equals(primary.name()))
                .filter(NodeObservation::reachable).findFirst();
        if (leader.isEmpty() || !servesSlots(leader.get())) {
            return Optional.empty();
        }
        return observations.stream()
                .filter(candidate -> inSyncWith(candidate, leader.get()))
                .min(Comparator.comparing((NodeObservation candidate) -> candidate.pod().sharesZoneWith(primary))
                        .thenComparing(candidate -> candidate.pod().name()));
    }

    /** Whether the pod answered as a primary that serves slots. */
    public static boolean servesSlots(NodeObservation observation) {
        return observation.reachable() && observation.self().isMaster() && observation.self().hasSlots();
    }

    private static boolean inSyncWith(NodeObservation candidate, NodeObservation primary) {
        return candidate.reachable()
                && primary.nodeId().equals(candidate.self().masterId())
                && candidate.masterLinkUp()
                && primary.replicationOffset() - candidate.replicationOffset() <= MAX_LAG_BYTES;
    }
}
