package io.statefulsuite.health.domain;

import java.util.List;

/** Shards as observed, ordered by their first slot: who is primary, who replicates it, where they run. */
public record Topology(List<Shard> shards, ClusterInfo cluster) {

    public static final Topology EMPTY = new Topology(List.of(), null);

    /** {@code slots} like "0-5460"; empty for a primary without slots. */
    public record Shard(int index, String slots, Member primary, List<Member> replicas) {

        public boolean servesSlots() {
            return !slots.isEmpty();
        }
    }

    /**
     * A node in a shard. {@code pod} is the pod (or endpoint) name; {@code offset} the replication offset when the
     * node answered; {@code failing} when the cluster marks it fail/fail?; {@code state} what metrics export.
     */
    public record Member(String pod, String ip, int port, String zone, Long offset, String nodeId, boolean reachable,
                         boolean failing, IntendedRole intendedRole, NodeState state) {

        public String address() {
            return ip + ":" + port;
        }
    }

    /**
     * Per-node numbers, null when not applicable or not read: for replicas lag and link, for primaries the online
     * replicas; AOF/RDB last status for both.
     */
    public record NodeState(Long lagBytes, Long lagSeconds, Boolean linkUp, Integer connectedReplicas,
                            Boolean aofEnabled, Boolean aofOk, Boolean rdbOk) {

        public static final NodeState UNKNOWN = new NodeState(null, null, null, null, null, null, null);
    }
}
